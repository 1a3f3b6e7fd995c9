package org.betadarts.data;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Helpers for the plain values an unpickled object is made of. */
final class PickleValues {
    private PickleValues() {}

    /** A Python int or bool as a long, or null when the value is not one or does not fit. */
    static Long integer(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        return null;
    }

    /** The bytes a text of characters below 256 stands for, as Python's {@code latin1} codec gives them. */
    static byte[] latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                throw new IllegalArgumentException("text standing for bytes holds a character above 255");
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Python name of a value's type, for messages. */
    static String typeName(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Object[]) {
            return "tuple";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof byte[] || value instanceof FileBytes) {
            return "bytes";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof NumpyArray) {
            return "numpy array";
        }
        return value.getClass().getSimpleName();
    }
}
