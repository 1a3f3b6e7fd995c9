package org.betadarts.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A view of the next {@code limit} bytes of a stream. Closing it closes the underlying stream only when it
 * owns that stream.
 */
final class LimitedInput extends FilterInputStream {
    private final boolean owner;
    private long remaining;

    LimitedInput(InputStream in, long limit, boolean owner) {
        super(in);
        this.owner = owner;
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit: " + limit);
        }
        remaining = limit;
    }

    /** Bytes left before the limit. */
    long remaining() {
        return remaining;
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = Math.max(0, in.skip(Math.min(Math.max(n, 0), remaining)));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        remaining = 0;
        if (owner) {
            in.close();
        }
    }
}
