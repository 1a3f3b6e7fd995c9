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

    /** Decodes UTF-8 text of characters below 256 into one byte per character, a buffer at a time. */
    private static final class Latin1Utf8 extends FilterInputStream {
        private final byte[] buffer = new byte[1 << 16];
        private final byte[] sink = new byte[8192];
        private int position;
        private int limit;

        Latin1Utf8(InputStream in) {
            super(in);
        }

        /** Makes at least two bytes available when the text has them; false at its end. */
        private boolean fill() throws IOException {
            if (limit - position >= 2) {
                return true;
            }
            int kept = limit - position;
            System.arraycopy(buffer, position, buffer, 0, kept);
            position = 0;
            limit = kept;
            while (limit < 2) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    break;
                }
                limit += n;
            }
            return limit > 0;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = 0;
            while (n < len && position < limit) {
                int v = buffer[position] & 0xff;
                if (v < 0x80) {
                    b[off + n++] = (byte) v;
                    position++;
                    continue;
                }
                if (position + 1 == limit) {
                    if (n > 0 || !fill() || limit - position < 2) {
                        if (n > 0) {
                            break;
                        }
                        throw new IOException("bytes stored as text end inside a character");
                    }
                    continue;
                }
                int next = buffer[position + 1] & 0xff;
                if ((v != 0xc2 && v != 0xc3) || (next & 0xc0) != 0x80) {
                    throw new IOException("bytes stored as text hold a character above 255");
                }
                b[off + n++] = (byte) ((v & 0x03) << 6 | next & 0x3f);
                position += 2;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n) {
                int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
