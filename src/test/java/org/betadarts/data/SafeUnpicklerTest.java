package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnpicklerTest {
    @TempDir
    Path dir;

    private Object load(byte[] pickle, long inlineLimit) throws IOException {
        Path file = dir.resolve("p.pkl");
        Files.write(file, pickle);
        return SafeUnpickler.load(file, inlineLimit);
    }

    private String refusal(byte[] pickle) throws IOException {
        Path file = dir.resolve("bad.pkl");
        Files.write(file, pickle);
        UserError e = assertThrows(UserError.class, () -> SafeUnpickler.load(file, SafeUnpickler.INLINE_LIMIT));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsPlainValues() throws IOException {
        byte[] pickle = new PickleBytes().proto(2).op('}').op('(')
                .unicode("n", false).integer(70000)
                .unicode("f", false).op('G').raw(new byte[] {0x3f, (byte) 0xf8, 0, 0, 0, 0, 0, 0})
                .unicode("t", false).op('(').integer(1).str2("two").op(0x88).op('N').op('t')
                .unicode("b", false).bytes(new byte[] {1, 2, 3})
                .op('u').op('.').toByteArray();
        Map<?, ?> map = assertInstanceOf(Map.class, load(pickle, 1 << 20));
        assertEquals(70000, map.get("n"));
        assertEquals(1.5, map.get("f"));
        assertArrayEquals(new Object[] {1, "two", true, null}, (Object[]) map.get("t"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) map.get("b"));
    }

    @Test
    void rebuildsNumpyArrayInEachStyle() throws IOException {
        byte[] data = TestFiles.pattern(2, 3, 2, 5);
        for (Pickles.Style style : Pickles.Style.values()) {
            for (long limit : new long[] {1 << 20, 16}) {
                PickleBytes p = new PickleBytes().proto(2);
                Pickles.array(p, style, "u1", data, new long[] {2, 30});
                NumpyArray array = assertInstanceOf(NumpyArray.class, load(p.op('.').toByteArray(), limit));
                assertEquals("u1", array.dtype());
                assertArrayEquals(new long[] {2, 30}, array.shape());
                try (InputStream in = array.open(dir.resolve("p.pkl"))) {
                    assertArrayEquals(data, in.readAllBytes(), style + " limit " + limit);
                }
            }
        }
    }

    @Test
    void largePayloadsStayInTheFile() throws IOException {
        byte[] data = TestFiles.pattern(1, 1, 20, 20);
        PickleBytes p = new PickleBytes().proto(2);
        Pickles.array(p, Pickles.Style.PY3_PROTOCOL4, "u1", data, new long[] {400});
        byte[] pickle = p.op('.').toByteArray();
        NumpyArray array = (NumpyArray) load(pickle, 300);
        int at = pickle.length - 3 - data.length;
        pickle[at] = 42;
        Files.write(dir.resolve("p.pkl"), pickle);
        try (InputStream in = array.open(dir.resolve("p.pkl"))) {
            byte[] read = in.readAllBytes();
            assertEquals(42, read[0]);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 1, 400), java.util.Arrays.copyOfRange(read, 1, 400));
        }
        Files.write(dir.resolve("p.pkl"), new byte[0]);
        assertThrows(IOException.class, () -> {
            try (InputStream in = array.open(dir.resolve("p.pkl"))) {
                in.skipNBytes(400);
            }
        });
    }

    @Test
    void refusesCallingOsSystem() throws IOException {
        byte[] pickle = new PickleBytes().proto(2).global("os", "system")
                .unicode("touch " + dir.resolve("owned"), false).op(0x85).op('R').op('.').toByteArray();
        String message = refusal(pickle);
        assertTrue(message.contains("os.system"), message);
        assertFalse(Files.exists(dir.resolve("owned")));
    }

    @Test
    void refusesStackGlobalEval() throws IOException {
        byte[] pickle = new PickleBytes().proto(4).unicode("builtins", true).unicode("eval", true).op(0x93)
                .unicode("1+1", true).op(0x85).op('R').op('.').toByteArray();
        assertTrue(refusal(pickle).contains("builtins.eval"));
    }

    @Test
    void refusesOpcodesThatBuildOtherObjects() throws IOException {
        byte[] inst = new PickleBytes().op('(').unicode("ls", false).op('i').line("os").line("system").op('.')
                .toByteArray();
        assertTrue(refusal(inst).contains("opcode 0x69"), refusal(inst));
        byte[] set = new PickleBytes().proto(4).op(0x8f).op('.').toByteArray();
        assertTrue(refusal(set).contains("opcode 0x8f"));
        byte[] persistent = new PickleBytes().proto(2).str2("id").op('Q').op('.').toByteArray();
        assertTrue(refusal(persistent).contains("opcode 0x51"));
        byte[] newobj = new PickleBytes().proto(2).global("numpy", "ndarray").op(')').op(0x81).op('.').toByteArray();
        assertTrue(refusal(newobj).contains("opcode 0x81"));
    }

    @Test
    void refusesStateOnPlainObjects() throws IOException {
        byte[] pickle = new PickleBytes().proto(2).op('}').op('}').op('b').op('.').toByteArray();
        assertTrue(refusal(pickle).contains("state of a dict"));
    }

    @Test
    void refusesObjectArraysAndMisusedNumpy() throws IOException {
        PickleBytes objects = new PickleBytes().proto(2);
        Pickles.array(objects, Pickles.Style.PY2, "O8", new byte[8], new long[] {1});
        assertTrue(refusal(objects.op('.').toByteArray()).contains("'O8' is not a plain number type"));
        byte[] reconstruct = new PickleBytes().proto(2).global("numpy.core.multiarray", "_reconstruct")
                .global("os", "getcwd").op('.').toByteArray();
        assertTrue(refusal(reconstruct).contains("os.getcwd"));
        byte[] direct = new PickleBytes().proto(2).global("numpy", "ndarray").op(')').op('R').op('.').toByteArray();
        assertTrue(refusal(direct).contains("numpy.ndarray is called directly"));
    }

    @Test
    void checksDeclaredLengthsBeforeAllocating() throws IOException {
        byte[] huge = new PickleBytes().proto(4).op(0x8e).le(1L << 40, 8).op('.').toByteArray();
        String message = refusal(huge);
        assertTrue(message.contains("declares 1099511627776 bytes") && message.contains("only 1 remain"), message);
        byte[] unicode = new PickleBytes().proto(2).op('X').le(0x7ffffff0L, 4).raw(new byte[10]).toByteArray();
        assertTrue(refusal(unicode).contains("declares 2147483632 bytes"));
        byte[] negative = new PickleBytes().proto(2).op('T').le(-5, 4).op('.').toByteArray();
        assertTrue(refusal(negative).contains("negative length"));
    }

    @Test
    void arrayDataMustMatchShape() throws IOException {
        PickleBytes p = new PickleBytes().proto(2);
        Pickles.array(p, Pickles.Style.PY3_PROTOCOL4, "u1", new byte[5], new long[] {2, 3});
        assertTrue(refusal(p.op('.').toByteArray()).contains("needs 6 bytes of data, found 5"));
    }

    @Test
    void truncatedAndTrailingBytes() throws IOException {
        byte[] good = Pickles.imageNet16(Pickles.Style.PY2, new byte[768], new long[] {1, 768}, new int[] {5});
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        assertTrue(refusal(cut).contains("truncated"), refusal(cut));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertTrue(refusal(longer).contains("bytes follow the end"));
        Map<?, ?> map = (Map<?, ?>) load(good, 1 << 20);
        assertEquals(List.of(5), map.get("labels"));
    }
}
