package org.betadarts.data;

import java.nio.charset.StandardCharsets;

/** ImageNet16-style pickles ({'data': uint8 array, 'labels': list}) as Python 2 and Python 3 write them. */
final class Pickles {
    /** Who wrote the pickle: Python 2 with protocol 2, Python 3 with protocol 2, or Python 3 with protocol 4. */
    enum Style { PY2, PY3_PROTOCOL2, PY3_PROTOCOL4 }

    private Pickles() {}

    /** A dict with 'data' (uint8 array of the given shape holding {@code data}) and 'labels'. */
    static byte[] imageNet16(Style style, byte[] data, long[] shape, int[] labels) {
        PickleBytes p = new PickleBytes();
        p.op('}').op('(');
        key(p, style, "data");
        array(p, style, "u1", data, shape);
        key(p, style, "labels");
        p.op(']').op('(');
        for (int label : labels) {
            p.integer(label);
        }
        p.op('e').op('u').op('.');
        PickleBytes whole = new PickleBytes();
        if (style == Style.PY3_PROTOCOL4) {
            whole.proto(4).op(0x95).le(p.size(), 8);
        } else {
            whole.proto(2);
        }
        return whole.raw(p.toByteArray()).toByteArray();
    }

    static void key(PickleBytes p, Style style, String key) {
        switch (style) {
            case PY2 -> p.str2(key);
            case PY3_PROTOCOL2 -> p.unicode(key, false);
            case PY3_PROTOCOL4 -> p.unicode(key, true);
        }
    }

    private static void global(PickleBytes p, Style style, String module, String name) {
        if (style == Style.PY3_PROTOCOL4) {
            p.unicode(module, true).op(0x94).unicode(name, true).op(0x94).op(0x93).op(0x94);
        } else {
            p.global(module, name);
        }
    }

    /** Python bytes as each style writes them. */
    private static void bytes(PickleBytes p, Style style, byte[] bytes) {
        switch (style) {
            case PY2 -> p.str2(bytes);
            case PY3_PROTOCOL2 -> {
                p.global("_codecs", "encode");
                p.unicode(new String(bytes, StandardCharsets.ISO_8859_1), false);
                p.unicode("latin1", false).op(0x86).op('R');
            }
            case PY3_PROTOCOL4 -> p.bytes(bytes);
        }
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')} then BUILD with (1, shape, dtype, False, data). */
    static void array(PickleBytes p, Style style, String dtype, byte[] data, long[] shape) {
        String module = style == Style.PY2 ? "numpy.core.multiarray" : "numpy._core.multiarray";
        global(p, style, module, "_reconstruct");
        global(p, style, "numpy", "ndarray");
        p.integer(0).op(0x85);
        bytes(p, style, new byte[] {'b'});
        p.op(0x87).op('R');
        p.op('(').integer(1);
        p.op('(');
        for (long d : shape) {
            p.integer(d);
        }
        p.op('t');
        global(p, style, "numpy", "dtype");
        if (style == Style.PY2) {
            p.str2(dtype).integer(0).integer(1);
        } else {
            p.unicode(dtype, style == Style.PY3_PROTOCOL4).op(0x89).op(0x88);
        }
        p.op(0x87).op('R');
        p.op('(').integer(3);
        if (style == Style.PY2) {
            p.str2(dtype.endsWith("1") ? "|" : "<");
        } else {
            p.unicode(dtype.endsWith("1") ? "|" : "<", style == Style.PY3_PROTOCOL4);
        }
        p.op('N').op('N').op('N').op('J').le(-1, 4).op('J').le(-1, 4).integer(0).op('t').op('b');
        p.op(0x89);
        bytes(p, style, data);
        p.op('t').op('b');
    }
}
