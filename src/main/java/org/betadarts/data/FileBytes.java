package org.betadarts.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes left where they lie in a file: {@code length} bytes from {@code offset}. When {@code utf8}, they are
 * UTF-8 text whose characters, all below 256, each stand for one byte, which is how Python 3 pickles bytes
 * under protocol 2 ({@code _codecs.encode(text, 'latin1')}).
 */
record FileBytes(long offset, long length, boolean utf8) {
    FileBytes {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
    }

    /** The bytes these stand for, read from {@code file}; the caller closes the stream. */
    InputStream open(Path file) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(file);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        InputStream limited = new LimitedInput(
                new BufferedInputStream(Channels.newInputStream(channel), 1 << 16), length, true);
        return utf8 ? new Latin1Utf8(limited) : limited;
    }

    /** Decodes UTF-8 text of characters below 256 into one byte per character. */
    private static final class Latin1Utf8 extends FilterInputStream {
        Latin1Utf8(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0x80) {
                return b;
            }
            int next = in.read();
            if ((b != 0xc2 && b != 0xc3) || next < 0 || (next & 0xc0) != 0x80) {
                throw new IOException("bytes stored as text hold a character above 255");
            }
            return (b & 0x03) << 6 | next & 0x3f;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = 0;
            while (n < len) {
                int v = read();
                if (v < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) v;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
