package org.betadarts.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.betadarts.io.TensorFile.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @TempDir
    Path dir;

    private static TensorFile.Contents state(int epoch, float value) {
        ObjectNode meta = Json.MAPPER.createObjectNode();
        meta.put("epoch", epoch);
        float[] big = new float[50_000];
        java.util.Arrays.fill(big, value);
        return new TensorFile.Contents(meta, Map.of("w", Tensor.of(big)));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheNewestInPositionOrder() throws IOException {
        Checkpoints c = new Checkpoints(dir, 2);
        c.write(9, 0, state(9, 1));
        c.write(10, 0, state(10, 2));
        c.write(10, 5, state(10, 3));
        assertEquals(List.of("epoch-0010-step-000000.ckpt", "epoch-0010-step-000005.ckpt"), files());
        Checkpoints.Loaded newest = c.latest();
        assertEquals(10, newest.entry().epoch());
        assertEquals(5, newest.entry().step());
        assertEquals(3f, newest.contents().tensors().get("w").data()[0]);
        new Checkpoints(dir, 1).write(11, 0, state(11, 4));
        assertEquals(List.of("epoch-0011-step-000000.ckpt"), files());
    }

    /** A stream that fails once {@code limit} bytes went through, as a full disk does. */
    private static OutputStream failingAfter(OutputStream out, long limit) {
        return new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                if (++written > limit) {
                    throw new IOException("No space left on device");
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        };
    }

    @Test
    void aWriteThatFailsMidwayLeavesThePreviousCheckpointLoadable() throws IOException {
        new Checkpoints(dir, 2).write(1, 0, state(1, 7));
        byte[] before = Files.readAllBytes(dir.resolve("epoch-0001-step-000000.ckpt"));
        Checkpoints full = new Checkpoints(dir, 2, out -> failingAfter(out, 100_000));
        UserError e = assertThrows(UserError.class, () -> full.write(2, 0, state(2, 8)));
        assertEquals("cannot write " + dir.resolve("epoch-0002-step-000000.ckpt") + ": No space left on device",
                e.getMessage());
        assertEquals(List.of("epoch-0001-step-000000.ckpt"), files(), "no half-written file, no temporary file");
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("epoch-0001-step-000000.ckpt")));
        Checkpoints.Loaded loaded = new Checkpoints(dir, 2).latest();
        assertEquals(1, loaded.entry().epoch());
        assertEquals(7f, loaded.contents().tensors().get("w").data()[49_999]);
    }

    @Test
    void aDamagedNewestIsPassedOverAndOnlyThenMovedAside() throws IOException {
        Checkpoints c = new Checkpoints(dir, 3);
        c.write(1, 0, state(1, 1));
        Path newest = c.write(2, 0, state(2, 2));
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Checkpoints.Loaded loaded = c.latest();
        assertEquals(1, loaded.entry().epoch());
        assertEquals(1, loaded.newerDamaged().size());
        assertTrue(Files.exists(newest), "reading moves nothing");
        List<String> lines = c.setAsideDamaged(loaded);
        assertEquals(List.of("checkpoint " + newest + " is damaged: checksum mismatch (truncated or corrupted); "
                + "moved to epoch-0002-step-000000.ckpt.damaged, continuing from epoch-0001-step-000000.ckpt"), lines);
        assertEquals(List.of("epoch-0001-step-000000.ckpt", "epoch-0002-step-000000.ckpt.damaged"), files());
        assertEquals(1, c.list().size(), "a damaged file is no checkpoint");
    }

    @Test
    void noIntactCheckpointIsAnErrorThatChangesNothing() throws IOException {
        Checkpoints c = new Checkpoints(dir, 3);
        assertEquals("no checkpoint in " + dir, assertThrows(UserError.class, c::latest).getMessage());
        Path a = c.write(1, 0, state(1, 1));
        Path b = c.write(2, 0, state(2, 2));
        for (Path p : List.of(a, b)) {
            byte[] bytes = Files.readAllBytes(p);
            bytes[bytes.length / 2] ^= 1;
            Files.write(p, bytes);
        }
        List<String> before = files();
        UserError e = assertThrows(UserError.class, c::latest);
        assertEquals("checkpoint " + b + " is damaged: checksum mismatch (truncated or corrupted) (and the 1 older "
                + "checkpoints in " + dir + " are damaged too)", e.getMessage());
        assertEquals(before, files());
        assertFalse(e.getMessage().contains("\n"));
    }
}
