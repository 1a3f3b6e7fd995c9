package org.betadarts.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;

/** Writes MATLAB level 5 MAT-files the way MATLAB and scipy lay them out, for tests. */
final class MatFiles {
    static final int DOUBLE = 6;
    static final int UINT8_CLASS = 9;
    static final int CELL = 1;

    private final ByteOrder order;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MatFiles(ByteOrder order) {
        this.order = order;
        byte[] header = new byte[128];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, written by tests".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        ByteBuffer.wrap(header, 124, 2).order(order).putShort((short) 0x0100);
        byte[] mark = order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'M'} : new byte[] {'M', 'I'};
        System.arraycopy(mark, 0, header, 126, 2);
        out.writeBytes(header);
    }

    private byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** An element: tag and data padded to 8 bytes, or the small format for up to 4 bytes when allowed. */
    private byte[] element(int type, byte[] data, boolean small) {
        if (small && data.length <= 4) {
            ByteBuffer b = ByteBuffer.allocate(8).order(order);
            b.putInt(data.length << 16 | type);
            b.put(data);
            return b.array();
        }
        int padded = (data.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(order);
        b.putInt(type).putInt(data.length).put(data);
        return b.array();
    }

    /** A miMATRIX element: flags, dimensions, name and real part stored as {@code storage}. */
    byte[] matrix(String name, int matlabClass, int[] dims, int storage, byte[] real) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(element(MatReader.MI_UINT32, ints(matlabClass, 0), false));
        m.writeBytes(element(MatReader.MI_INT32, ints(dims), false));
        m.writeBytes(element(MatReader.MI_INT8, name.getBytes(StandardCharsets.US_ASCII), true));
        m.writeBytes(element(storage, real, true));
        return element(MatReader.MI_MATRIX, m.toByteArray(), false);
    }

    /** Adds a variable, plain or compressed. */
    MatFiles add(String name, int matlabClass, int[] dims, int storage, byte[] real, boolean compress)
            throws IOException {
        return add(matrix(name, matlabClass, dims, storage, real), compress);
    }

    /** Adds a whole miMATRIX element, plain or compressed. */
    MatFiles add(byte[] matrix, boolean compress) throws IOException {
        if (!compress) {
            out.writeBytes(matrix);
            return this;
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream d = new DeflaterOutputStream(z)) {
            d.write(matrix);
        }
        out.writeBytes(ByteBuffer.allocate(8).order(order).putInt(MatReader.MI_COMPRESSED).putInt(z.size()).array());
        out.writeBytes(z.toByteArray());
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Values as doubles in the file's byte order. */
    byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** SVHN images: n pattern images (NCHW) rearranged into MATLAB's 32x32x3xN column-major order. */
    static byte[] svhnX(int n) {
        byte[] nchw = TestFiles.pattern(n, 3, 32, 32);
        byte[] x = new byte[nchw.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int row = 0; row < 32; row++) {
                    for (int col = 0; col < 32; col++) {
                        x[row + 32 * col + 1024 * c + 3072 * i] = nchw[((i * 3 + c) * 32 + row) * 32 + col];
                    }
                }
            }
        }
        return x;
    }
}
