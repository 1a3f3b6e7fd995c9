package org.betadarts.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A buffered stream over one file that counts the bytes consumed, so that a size declared inside the file can
 * be checked against what is left of it before anything is allocated.
 */
final class FileInput extends FilterInputStream {
    private final long size;
    private long position;

    FileInput(Path file) throws IOException {
        super(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        size = Files.size(file);
    }

    /** Bytes consumed so far: the offset in the file of the next byte. */
    long position() {
        return position;
    }

    /** Bytes of the file not yet consumed. */
    long remaining() {
        return Math.max(0, size - position);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        position += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
