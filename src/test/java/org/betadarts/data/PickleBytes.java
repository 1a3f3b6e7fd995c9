package org.betadarts.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickle opcodes by hand, the way Python's pickler lays them out, for tests. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    PickleBytes le(long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    PickleBytes line(String text) {
        return raw((text + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    PickleBytes proto(int protocol) {
        return op(0x80).op(protocol);
    }

    /** A Python int with the shortest opcode Python uses. */
    PickleBytes integer(long value) {
        if (value >= 0 && value < 256) {
            return op('K').le(value, 1);
        }
        if (value >= 0 && value < 65536) {
            return op('M').le(value, 2);
        }
        return op('J').le(value, 4);
    }

    /** A Python 2 str: SHORT_BINSTRING or BINSTRING. */
    PickleBytes str2(byte[] bytes) {
        return bytes.length < 256 ? op('U').le(bytes.length, 1).raw(bytes) : op('T').le(bytes.length, 4).raw(bytes);
    }

    PickleBytes str2(String text) {
        return str2(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A Python 3 str: SHORT_BINUNICODE (protocol 4) or BINUNICODE. */
    PickleBytes unicode(String text, boolean shortForm) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return shortForm && utf8.length < 256 ? op(0x8c).le(utf8.length, 1).raw(utf8)
                : op('X').le(utf8.length, 4).raw(utf8);
    }

    /** Python 3 bytes: SHORT_BINBYTES or BINBYTES. */
    PickleBytes bytes(byte[] bytes) {
        return bytes.length < 256 ? op('C').le(bytes.length, 1).raw(bytes) : op('B').le(bytes.length, 4).raw(bytes);
    }

    PickleBytes global(String module, String name) {
        return op('c').line(module).line(name);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }
}
