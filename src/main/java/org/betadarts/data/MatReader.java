package org.betadarts.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.betadarts.io.UserError;

/**
 * Reads the numeric variables of a MATLAB level 5 MAT-file, as written by MATLAB's {@code save} (up to
 * {@code -v7}) and scipy's {@code savemat}: a 128-byte header, then one element per variable, each a
 * {@code miMATRIX} stored plainly or zlib-compressed in a {@code miCOMPRESSED} element. Real and complex
 * numeric arrays are handed to a visitor, which streams the values it wants; other variables (cells,
 * structs, strings, sparse arrays) are skipped. Every size the file declares is checked before anything is
 * allocated: against what is left of the file, or for compressed data against the most that zlib can expand
 * the compressed bytes to. Files of version 7.3 are HDF5 files and are not read.
 */
final class MatReader {
    static final int MI_INT8 = 1;
    static final int MI_UINT8 = 2;
    static final int MI_INT16 = 3;
    static final int MI_UINT16 = 4;
    static final int MI_INT32 = 5;
    static final int MI_UINT32 = 6;
    static final int MI_SINGLE = 7;
    static final int MI_DOUBLE = 9;
    static final int MI_INT64 = 12;
    static final int MI_UINT64 = 13;
    static final int MI_MATRIX = 14;
    static final int MI_COMPRESSED = 15;
    static final int MI_UTF8 = 16;
    /** zlib expands n compressed bytes to at most about 1032 n bytes. */
    static final long MAX_INFLATION = 1032;
    private static final int HEADER = 128;
    private static final int MAX_DIMS = 32;
    private static final int MAX_NAME = 1024;

    private MatReader() {}

    /** Receives each numeric variable; values it does not read are skipped. */
    @FunctionalInterface
    interface Visitor {
        void variable(MatVariable variable) throws IOException;
    }

    static void read(Path file, Visitor visitor) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("missing file " + file);
        }
        try (FileInput in = new FileInput(file)) {
            ByteOrder order = header(in);
            while (true) {
                long at = in.position();
                byte[] tag = in.readNBytes(8);
                if (tag.length == 0) {
                    break;
                }
                if (tag.length < 8) {
                    throw new Malformed("truncated element tag at byte " + at);
                }
                ByteBuffer b = ByteBuffer.wrap(tag).order(order);
                int type = b.getInt();
                long length = Integer.toUnsignedLong(b.getInt());
                if (length > in.remaining()) {
                    throw new Malformed("element at byte " + at + " declares " + length + " bytes but only "
                            + in.remaining() + " remain");
                }
                LimitedInput body = new LimitedInput(in, length, false);
                if (type == MI_MATRIX) {
                    matrix(body, order, visitor);
                    body.skipNBytes(body.remaining());
                    in.skipNBytes(Math.min(padding(length), in.remaining()));
                } else if (type == MI_COMPRESSED) {
                    compressed(body, length, order, visitor);
                    body.skipNBytes(body.remaining());
                } else {
                    throw new Malformed("element at byte " + at + " has type " + type
                            + ", expected a matrix (14) or compressed data (15)");
                }
            }
        } catch (Malformed e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new UserError(file + " is truncated", e);
        } catch (ZipException e) {
            throw new UserError(file + ": corrupt compressed data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks the header and returns the byte order of the file. */
    private static ByteOrder header(InputStream in) throws IOException {
        byte[] header = in.readNBytes(HEADER);
        String text = new String(header, 0, Math.min(header.length, 19), StandardCharsets.US_ASCII);
        if (!text.equals("MATLAB 5.0 MAT-file")) {
            throw new Malformed("not a MATLAB 5.0 MAT-file" + (text.startsWith("MATLAB 7.3")
                    ? " (version 7.3 files are HDF5; save with -v7)" : ""));
        }
        if (header.length < HEADER) {
            throw new EOFException();
        }
        ByteOrder order;
        if (header[126] == 'I' && header[127] == 'M') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (header[126] == 'M' && header[127] == 'I') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new Malformed("invalid byte order mark in the header");
        }
        int version = ByteBuffer.wrap(header, 124, 2).order(order).getShort() & 0xffff;
        if (version != 0x0100) {
            throw new Malformed(String.format("unknown MAT-file version 0x%04x", version));
        }
        return order;
    }

    private static void compressed(LimitedInput body, long length, ByteOrder order, Visitor visitor)
            throws IOException {
        Inflater inflater = new Inflater();
        try {
            InflaterInputStream inflated = new InflaterInputStream(body, inflater, 1 << 16);
            byte[] tag = inflated.readNBytes(8);
            if (tag.length < 8) {
                throw new Malformed("compressed element holds no matrix");
            }
            ByteBuffer b = ByteBuffer.wrap(tag).order(order);
            int type = b.getInt();
            long inner = Integer.toUnsignedLong(b.getInt());
            if (type != MI_MATRIX) {
                throw new Malformed("compressed element holds type " + type + ", expected a matrix (14)");
            }
            if (inner > length * MAX_INFLATION) {
                throw new Malformed("compressed element of " + length + " bytes declares " + inner
                        + " bytes, more than zlib can expand it to");
            }
            LimitedInput m = new LimitedInput(inflated, inner, false);
            matrix(m, order, visitor);
            m.skipNBytes(m.remaining());
            if (inflated.read() != -1) {
                throw new Malformed("corrupt compressed data: more than the " + inner + " bytes it declares");
            }
        } finally {
            inflater.end();
        }
    }

    /** Reads one matrix: flags, dimensions, name and, for numeric classes, the real values. */
    private static void matrix(LimitedInput m, ByteOrder order, Visitor visitor) throws IOException {
        Element flags = element(m, order, 8);
        if (flags.type != MI_UINT32 || flags.length != 8) {
            throw new Malformed("matrix does not start with array flags");
        }
        ByteBuffer f = ByteBuffer.wrap(flags.bytes()).order(order);
        int bits = f.getInt();
        int matlabClass = bits & 0xff;
        boolean complex = (bits & 0x800) != 0;
        Element dimsElement = element(m, order, 4 * MAX_DIMS);
        if (dimsElement.type != MI_INT32 || dimsElement.length % 4 != 0 || dimsElement.length < 8) {
            throw new Malformed("matrix dimensions are not 2 to " + MAX_DIMS + " int32 values");
        }
        ByteBuffer d = ByteBuffer.wrap(dimsElement.bytes()).order(order);
        int[] dims = new int[(int) dimsElement.length / 4];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = d.getInt();
            if (dims[i] < 0) {
                throw new Malformed("matrix has negative dimension " + dims[i]);
            }
            count = multiply(count, dims[i]);
        }
        Element nameElement = element(m, order, MAX_NAME);
        if (nameElement.type != MI_INT8 && nameElement.type != MI_UTF8) {
            throw new Malformed("matrix name has type " + nameElement.type);
        }
        String name = new String(nameElement.bytes(), StandardCharsets.UTF_8);
        if (matlabClass < 6 || matlabClass > 15) {
            return;
        }
        Element real = element(m, order, m.remaining());
        int size = sizeOf(real.type);
        if (size == 0) {
            throw new Malformed("variable " + name + " stores its values as type " + real.type);
        }
        if (real.length != multiply(count, size)) {
            throw new Malformed("variable " + name + " has " + count + " values but " + real.length
                    + " bytes of type " + real.type);
        }
        visitor.variable(new MatVariable(name, matlabClass, dims, complex, real.type, count, real.data, order));
    }

    /** One element inside a matrix: its type, its length, a stream over its bytes and its padding. */
    private record Element(int type, long length, InputStream data, LimitedInput matrix, long padding) {
        /** All bytes of a small element, skipping the padding that follows them. */
        byte[] bytes() throws IOException {
            byte[] bytes = data.readNBytes((int) length);
            if (bytes.length < length) {
                throw new EOFException();
            }
            matrix.skipNBytes(Math.min(padding, matrix.remaining()));
            return bytes;
        }
    }

    /**
     * Reads the tag of the next element in {@code m}, in the normal or the small (4 bytes of data packed in
     * the tag) format, refusing lengths above {@code max} or beyond the matrix.
     */
    private static Element element(LimitedInput m, ByteOrder order, long max) throws IOException {
        byte[] tag = m.readNBytes(8);
        if (tag.length < 8) {
            throw new Malformed("matrix ends inside an element tag");
        }
        ByteBuffer b = ByteBuffer.wrap(tag).order(order);
        int first = b.getInt();
        if (first >>> 16 != 0) {
            int length = first >>> 16;
            if (length > 4) {
                throw new Malformed("small element declares " + length + " bytes");
            }
            return new Element(first & 0xffff, length, new ByteArrayInputStream(tag, 4, length), m, 0);
        }
        long length = Integer.toUnsignedLong(b.getInt());
        if (length > max || length > m.remaining()) {
            throw new Malformed("element of type " + first + " declares " + length + " bytes but at most "
                    + Math.min(max, m.remaining()) + " are possible there");
        }
        return new Element(first, length, new LimitedInput(m, length, false), m, padding(length));
    }

    private static long multiply(long a, long b) throws Malformed {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new Malformed("matrix dimensions overflow");
        }
    }

    static long padding(long length) {
        return (8 - length % 8) % 8;
    }

    /** Bytes per value of a numeric storage type, or 0 when the type is not numeric. */
    static int sizeOf(int type) {
        return switch (type) {
            case MI_INT8, MI_UINT8 -> 1;
            case MI_INT16, MI_UINT16 -> 2;
            case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
            case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
            default -> 0;
        };
    }

    /** A structural mistake in the file, reported with the file's name. */
    private static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }
}
