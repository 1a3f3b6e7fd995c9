package org.betadarts.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.betadarts.io.TensorFile.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {
    @TempDir
    Path dir;

    static TensorFile.Contents sample() {
        ObjectNode meta = Json.MAPPER.createObjectNode();
        meta.put("epoch", 3);
        meta.put("state", 0xFFFF_FFFF_FFFFL);
        meta.put("loss_sum", 0.1 + 0.2);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("weight/stem.conv.weight", new Tensor(new long[] {2, 1, 3}, new float[] {1, -2, 3.5f, -0f, Float.MIN_VALUE,
                Float.NaN}));
        t.put("adam/m", Tensor.of(new float[] {Float.POSITIVE_INFINITY, 1e-30f}));
        t.put("empty", new Tensor(new long[] {0, 4}, new float[0]));
        t.put("scalar", new Tensor(new long[0], new float[] {42}));
        return new TensorFile.Contents(meta, t);
    }

    @Test
    void readsBackEveryBitOfNamesShapesValuesAndMetadata() {
        TensorFile.Contents in = sample();
        Path file = dir.resolve("x.ckpt");
        AtomicFiles.write(file, out -> TensorFile.write(out, in));
        TensorFile.Contents back = TensorFile.read(file);
        assertEquals(in.metadata(), back.metadata());
        assertEquals(0.1 + 0.2, back.metadata().get("loss_sum").asDouble(), 0.0);
        assertEquals(List.copyOf(in.tensors().keySet()), List.copyOf(back.tensors().keySet()), "order kept");
        for (String name : in.tensors().keySet()) {
            assertArrayEquals(in.tensors().get(name).shape(), back.tensors().get(name).shape(), name);
            assertArrayEquals(bits(in.tensors().get(name).data()), bits(back.tensors().get(name).data()), name);
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    @Test
    void layoutIsTheDocumentedOne() {
        ObjectNode meta = Json.MAPPER.createObjectNode();
        byte[] bytes = TensorFile.bytes(new TensorFile.Contents(meta,
                Map.of("a", new Tensor(new long[] {2}, new float[] {1, 2}))));
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertEquals("BDTF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        b.position(4);
        assertEquals(TensorFile.VERSION, b.getInt());
        int metaLength = b.getInt();
        assertEquals("{ }", new String(bytes, 12, metaLength, java.nio.charset.StandardCharsets.UTF_8));
        b.position(12 + metaLength);
        assertEquals(1, b.getInt(), "tensor count");
        assertEquals(1, b.getInt(), "name length");
        assertEquals('a', b.get());
        assertEquals(1, b.getInt(), "rank");
        assertEquals(2L, b.getLong());
        assertEquals(1f, b.getFloat());
        assertEquals(2f, b.getFloat());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, b.position());
        assertEquals((int) crc.getValue(), b.getInt());
        assertEquals(bytes.length, b.position());
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = TensorFile.bytes(sample());
        for (int length = 0; length < bytes.length; length++) {
            int n = length;
            UserError e = assertThrows(UserError.class, () -> TensorFile.parse(Arrays.copyOf(bytes, n), "c.ckpt"),
                    "length " + n);
            assertTrue(e.getMessage().startsWith(n < 4 ? "c.ckpt is not a betadarts checkpoint" : "checkpoint c.ckpt is"),
                    e.getMessage());
        }
    }

    @Test
    void everyFlippedByteIsRefused() {
        byte[] bytes = TensorFile.bytes(sample());
        for (int i = 4; i < bytes.length; i++) {
            byte[] bad = bytes.clone();
            bad[i] ^= 0x10;
            UserError e = assertThrows(UserError.class, () -> TensorFile.parse(bad, "c.ckpt"), "byte " + i);
            assertTrue(e.getMessage().contains("c.ckpt"), e.getMessage());
        }
    }

    @Test
    void messagesSayWhatIsWrong() throws Exception {
        byte[] bytes = TensorFile.bytes(sample());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 100);
        assertEquals("checkpoint c.ckpt is damaged: checksum mismatch (truncated or corrupted)",
                assertThrows(UserError.class, () -> TensorFile.parse(truncated, "c.ckpt")).getMessage());
        assertEquals("notes.txt is not a betadarts checkpoint (bad magic number)",
                assertThrows(UserError.class, () -> TensorFile.parse("{\"epoch\": 3}".getBytes(), "notes.txt"))
                        .getMessage());
        byte[] future = bytes.clone();
        future[7] = 9;
        assertEquals("checkpoint c.ckpt has format version 9; this betadarts reads version 1",
                assertThrows(UserError.class, () -> TensorFile.parse(future, "c.ckpt")).getMessage());
        Path missing = dir.resolve("gone.ckpt");
        assertEquals("checkpoint " + missing + " does not exist",
                assertThrows(UserError.class, () -> TensorFile.read(missing)).getMessage());
        Files.write(dir.resolve("t.ckpt"), truncated);
        assertTrue(assertThrows(UserError.class, () -> TensorFile.read(dir.resolve("t.ckpt"))).getMessage()
                .contains("checksum mismatch"));
    }

    /** The weights of a trained model as the models saved so far hold them. */
    private static Map<String, Tensor> weights() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("stem.conv.weight", new Tensor(new long[] {2, 1, 1, 3}, new float[] {1, -2, 3.5f, 0, 1e-8f, -0f}));
        t.put("bn.running_mean", new Tensor(new long[] {2}, new float[] {0.25f, Float.MAX_VALUE}));
        t.put("scalar", new Tensor(new long[0], new float[] {7}));
        return t;
    }

    /** The bytes of a weights file put together field by field from the documented layout. */
    private static byte[] byHand(String metadata, Map<String, Tensor> tensors) {
        ByteBuffer b = ByteBuffer.allocate(1 << 12);
        b.put("BDTF".getBytes(StandardCharsets.US_ASCII)).putInt(1);
        byte[] json = metadata.getBytes(StandardCharsets.UTF_8);
        b.putInt(json.length).put(json);
        b.putInt(tensors.size());
        tensors.forEach((name, tensor) -> {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            b.putInt(utf8.length).put(utf8).putInt(tensor.shape().length);
            Arrays.stream(tensor.shape()).forEach(b::putLong);
            for (float v : tensor.data()) {
                b.putFloat(v);
            }
        });
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void weightsFilesOfTheEarlierWriterAreReadAndTheLayoutIsUnchanged() throws Exception {
        Path file = dir.resolve("weights.bin");
        Files.write(file, byHand("{}", weights()));
        TensorFile.Contents back = TensorFile.read(file, TensorFile.Kind.WEIGHTS);
        assertTrue(back.metadata().isObject() && back.metadata().isEmpty(), back.metadata().toString());
        assertEquals(List.copyOf(weights().keySet()), List.copyOf(back.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : weights().entrySet()) {
            assertArrayEquals(e.getValue().shape(), back.tensors().get(e.getKey()).shape(), e.getKey());
            assertArrayEquals(bits(e.getValue().data()), bits(back.tensors().get(e.getKey()).data()), e.getKey());
        }
        assertArrayEquals(byHand("{ }", weights()),
                TensorFile.bytes(new TensorFile.Contents(Json.MAPPER.createObjectNode(), weights())),
                "the same layout; only the metadata's spacing differs");
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new long[] {2, 2}, new float[3]));
    }

    @Test
    void aDamagedWeightsFileIsRefusedAsAWeightsFile() throws Exception {
        Path file = dir.resolve("weights.bin");
        byte[] good = byHand("{}", weights());

        Files.writeString(file, "{\"not\": \"weights\"}");
        assertRefused(file, file + " is not a betadarts weights file (bad magic number)");

        Files.write(file, Arrays.copyOf(good, good.length - 9));
        assertRefused(file, "weights file " + file + " is damaged: checksum mismatch (truncated or corrupted)");

        byte[] flipped = good.clone();
        flipped[30] ^= 0x10;
        Files.write(file, flipped);
        assertRefused(file, "weights file " + file + " is damaged: checksum mismatch (truncated or corrupted)");

        byte[] future = good.clone();
        future[7] = 2;
        Files.write(file, future);
        assertRefused(file, "weights file " + file + " has format version 2; this betadarts reads version 1");

        Path missing = dir.resolve("missing.bin");
        assertRefused(missing, "weights file " + missing + " does not exist");
    }

    private static void assertRefused(Path file, String message) {
        UserError e = assertThrows(UserError.class, () -> TensorFile.read(file, TensorFile.Kind.WEIGHTS));
        assertEquals(message, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
