package org.betadarts.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A numpy array as a pickle rebuilds it: {@code numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')}
 * followed by {@code __setstate__((1, shape, dtype, is_fortran, data))}, or under protocol 5
 * {@code numpy.core.numeric._frombuffer(data, dtype, shape, order)}. Only dtypes of one plain number
 * ({@code u1}, {@code <f8}, ...) are accepted; the data is held in memory or left in the file.
 */
final class NumpyArray {
    private Dtype dtype;
    private long[] shape;
    private boolean fortranOrder;
    private Object data;

    /** Sets shape, dtype, order and data from the pickled state, checking that they agree. */
    void setState(Object state) {
        if (dtype != null) {
            throw new IllegalArgumentException("numpy array state is set twice");
        }
        if (!(state instanceof Object[] s) || (s.length != 5 && s.length != 4)) {
            throw new IllegalArgumentException("numpy array state is not a tuple of 4 or 5 items");
        }
        int first = s.length - 4;
        if (first == 1 && !Long.valueOf(1).equals(PickleValues.integer(s[0]))) {
            throw new IllegalArgumentException("numpy array state has unknown version " + s[0]);
        }
        Long fortran = PickleValues.integer(s[first + 2]);
        if (fortran == null || fortran < 0 || fortran > 1) {
            throw new IllegalArgumentException("numpy array order flag is " + s[first + 2]);
        }
        init(s[first + 1], s[first], fortran == 1, s[first + 3]);
    }

    /** The array of {@code numpy.core.numeric._frombuffer(buffer, dtype, shape, order)} (protocol 5). */
    static NumpyArray fromBuffer(Object[] args) {
        if (args.length != 4 || !("C".equals(args[3]) || "F".equals(args[3]))) {
            throw new IllegalArgumentException("_frombuffer is called with other arguments than "
                    + "(buffer, dtype, shape, order)");
        }
        NumpyArray array = new NumpyArray();
        array.init(args[1], args[2], "F".equals(args[3]), args[0]);
        return array;
    }

    private void init(Object dtypeValue, Object shapeValue, boolean fortran, Object raw) {
        if (!(shapeValue instanceof Object[] dims)) {
            throw new IllegalArgumentException("numpy array shape is not a tuple");
        }
        if (!(dtypeValue instanceof Dtype d)) {
            throw new IllegalArgumentException("numpy array dtype is not a numpy.dtype");
        }
        long[] sh = new long[dims.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            Long v = PickleValues.integer(dims[i]);
            if (v == null || v < 0) {
                throw new IllegalArgumentException("numpy array shape holds " + dims[i]);
            }
            sh[i] = v;
            count = multiply(count, v);
        }
        long bytes = multiply(count, d.itemSize());
        if (raw instanceof String text) {
            raw = PickleValues.latin1(text);
        }
        long length;
        if (raw instanceof byte[] b) {
            length = b.length;
        } else if (raw instanceof FileBytes f) {
            length = f.length();
        } else {
            throw new IllegalArgumentException("numpy array data is not bytes");
        }
        boolean fits = raw instanceof FileBytes f && f.utf8() ? length >= bytes && length <= 2 * bytes
                : length == bytes;
        if (!fits) {
            throw new IllegalArgumentException("numpy array of shape " + shape(sh) + " and dtype " + d
                    + " needs " + bytes + " bytes of data, found " + length);
        }
        dtype = d;
        shape = sh;
        fortranOrder = fortran;
        data = raw;
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("numpy array is too large");
        }
    }

    private void checkSet() {
        if (dtype == null) {
            throw new IllegalStateException("numpy array without state");
        }
    }

    /** Whether the state has been set; an array without state is not usable. */
    boolean hasState() {
        return dtype != null;
    }

    /** The dtype as numpy writes it, such as {@code u1} or {@code <f8}. */
    String dtype() {
        checkSet();
        return dtype.toString();
    }

    long[] shape() {
        checkSet();
        return shape.clone();
    }

    boolean fortranOrder() {
        checkSet();
        return fortranOrder;
    }

    /** The raw element bytes, read from memory or from {@code file} where the pickle was read. */
    InputStream open(Path file) throws IOException {
        checkSet();
        return data instanceof byte[] b ? new ByteArrayInputStream(b) : ((FileBytes) data).open(file);
    }

    static String shape(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", shape.length == 1 ? ",)" : ")"));
    }

    /** A numpy dtype of one plain number: bool, signed or unsigned integer, or float of 1 to 8 bytes. */
    static final class Dtype {
        private final char kind;
        private final int itemSize;
        private char byteOrder = '|';
        private boolean stateSet;

        Dtype(String descr) {
            if (descr == null || !descr.matches("b1|[iu][1248]|f[248]")) {
                throw new IllegalArgumentException("numpy dtype '" + descr + "' is not a plain number type");
            }
            kind = descr.charAt(0);
            itemSize = descr.charAt(1) - '0';
        }

        int itemSize() {
            return itemSize;
        }

        /** Sets the byte order from the pickled state; structured dtypes (with fields) are refused. */
        void setState(Object state) {
            if (stateSet) {
                throw new IllegalArgumentException("numpy dtype state is set twice");
            }
            if (!(state instanceof Object[] s) || s.length < 8 || s.length > 9) {
                throw new IllegalArgumentException("numpy dtype state is not a tuple of 8 or 9 items");
            }
            if (!(s[1] instanceof String order) || !order.matches("[<>|=]")) {
                throw new IllegalArgumentException("numpy dtype byte order is " + s[1]);
            }
            if (s[2] != null || s[3] != null || s[4] != null) {
                throw new IllegalArgumentException("structured numpy dtypes are not supported");
            }
            byteOrder = order.charAt(0);
            stateSet = true;
        }

        @Override
        public String toString() {
            return (itemSize == 1 || byteOrder == '|' ? "" : String.valueOf(byteOrder)) + kind + itemSize;
        }
    }
}
