package org.betadarts.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One numeric variable of a MAT-file while the file is read: its name, MATLAB class and dimensions, and its
 * real values, read one after another in MATLAB's column-major order. MATLAB may store values in a smaller
 * type than their class (a double array of small integers as bytes); {@link #readNumber()} converts.
 */
final class MatVariable {
    private static final String[] CLASS_NAMES = {null, "cell", "struct", "object", "char", "sparse", "double",
        "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"};

    private final String name;
    private final int matlabClass;
    private final int[] dims;
    private final boolean complex;
    private final int storage;
    private final long count;
    private final InputStream data;
    private final ByteBuffer scratch;

    MatVariable(String name, int matlabClass, int[] dims, boolean complex, int storage, long count,
                InputStream data, ByteOrder order) {
        this.name = name;
        this.matlabClass = matlabClass;
        this.dims = dims.clone();
        this.complex = complex;
        this.storage = storage;
        this.count = count;
        this.data = data;
        this.scratch = ByteBuffer.allocate(8).order(order);
    }

    String name() {
        return name;
    }

    /** The MATLAB class: double, single, int8, uint8, ... */
    String className() {
        return matlabClass < CLASS_NAMES.length ? CLASS_NAMES[matlabClass] : "class " + matlabClass;
    }

    int[] dims() {
        return dims.clone();
    }

    boolean complex() {
        return complex;
    }

    /** Number of values: the product of the dimensions. */
    long count() {
        return count;
    }

    /** Whether the values are stored as unsigned bytes, so that {@link #readBytes} may be used. */
    boolean storedAsBytes() {
        return storage == MatReader.MI_UINT8;
    }

    /** For messages: class and dimensions, as in {@code uint8 32x32x3x100}. */
    String describe() {
        return (complex ? "complex " : "") + className() + " "
                + Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** Reads the next {@code len} values of a variable stored as unsigned bytes. */
    void readBytes(byte[] dst, int off, int len) throws IOException {
        if (!storedAsBytes()) {
            throw new IllegalStateException(name + " is not stored as bytes");
        }
        if (data.readNBytes(dst, off, len) < len) {
            throw new EOFException();
        }
    }

    /** The next value, converted from the type it is stored in. */
    double readNumber() throws IOException {
        int size = MatReader.sizeOf(storage);
        scratch.clear();
        if (data.readNBytes(scratch.array(), 0, size) < size) {
            throw new EOFException();
        }
        return switch (storage) {
            case MatReader.MI_INT8 -> scratch.get(0);
            case MatReader.MI_UINT8 -> scratch.get(0) & 0xff;
            case MatReader.MI_INT16 -> scratch.getShort(0);
            case MatReader.MI_UINT16 -> scratch.getShort(0) & 0xffff;
            case MatReader.MI_INT32 -> scratch.getInt(0);
            case MatReader.MI_UINT32 -> scratch.getInt(0) & 0xffffffffL;
            case MatReader.MI_SINGLE -> scratch.getFloat(0);
            case MatReader.MI_DOUBLE -> scratch.getDouble(0);
            case MatReader.MI_INT64 -> scratch.getLong(0);
            case MatReader.MI_UINT64 -> {
                long v = scratch.getLong(0);
                yield v >= 0 ? v : (v >>> 1) * 2.0;
            }
            default -> throw new IllegalStateException("storage type " + storage);
        };
    }
}
