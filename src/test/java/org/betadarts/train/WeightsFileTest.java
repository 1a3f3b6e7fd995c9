package org.betadarts.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {
    @TempDir
    Path tmp;

    private static Map<String, WeightsFile.Tensor> tensors() {
        Map<String, WeightsFile.Tensor> t = new LinkedHashMap<>();
        t.put("stem.conv.weight", new WeightsFile.Tensor(new long[] {2, 1, 1, 3}, new float[] {1, -2, 3.5f, 0, 1e-8f, -0f}));
        t.put("bn.running_mean", new WeightsFile.Tensor(new long[] {2}, new float[] {0.25f, Float.MAX_VALUE}));
        t.put("scalar", new WeightsFile.Tensor(new long[0], new float[] {7}));
        return t;
    }

    @Test
    void writesTheDocumentedLayoutAndReadsItBack() throws Exception {
        Path file = tmp.resolve("w.bin");
        WeightsFile.write(file, tensors());
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[4];
        b.get(magic);
        assertEquals("BDTF", new String(magic, StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt());
        assertEquals(2, b.getInt(), "metadata {}");
        b.position(b.position() + 2);
        assertEquals(3, b.getInt());
        assertEquals("stem.conv.weight".length(), b.getInt());
        b.position(b.position() + "stem.conv.weight".length());
        assertEquals(4, b.getInt());
        assertEquals(2L, b.getLong());
        long header = 4 + 4 + 4 + 2 + 4;
        long sizes = 0;
        for (var e : tensors().entrySet()) {
            sizes += 4 + e.getKey().length() + 4 + 8L * e.getValue().shape().length + 4L * e.getValue().data().length;
        }
        assertEquals(header + sizes + 4, bytes.length, "header, tensors, CRC-32");

        Map<String, WeightsFile.Tensor> back = WeightsFile.read(file);
        assertEquals(List.copyOf(tensors().keySet()), List.copyOf(back.keySet()));
        for (var e : tensors().entrySet()) {
            assertArrayEquals(e.getValue().shape(), back.get(e.getKey()).shape());
            assertArrayEquals(e.getValue().data(), back.get(e.getKey()).data(), 0f);
        }
    }

    @Test
    void refusesForeignTruncatedAndDamagedFiles() throws Exception {
        Path file = tmp.resolve("w.bin");
        WeightsFile.write(file, tensors());
        byte[] good = Files.readAllBytes(file);

        Files.writeString(file, "{\"not\": \"weights\"}");
        assertMessage(file, "not a betadarts weights file");

        Files.write(file, Arrays.copyOf(good, good.length - 9));
        assertMessage(file, "damaged");

        byte[] flipped = good.clone();
        flipped[30] ^= 0x10;
        Files.write(file, flipped);
        assertMessage(file, "damaged");

        byte[] version = good.clone();
        version[7] = 2;
        Files.write(file, version);
        assertMessage(file, "format version 2");

        assertMessage(tmp.resolve("missing.bin"), "cannot read");
        assertThrows(IllegalArgumentException.class, () -> new WeightsFile.Tensor(new long[] {2, 2}, new float[3]));
    }

    private static void assertMessage(Path file, String part) {
        UserError e = assertThrows(UserError.class, () -> WeightsFile.read(file));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
