package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.betadarts.data.TestFiles;
import org.betadarts.io.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs and faults a search must meet with one line, a non-zero exit and no damage to files. */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path data() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        int[] labels = new int[96];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        TestFiles.writeMnist(data, "train", labels, false);
        TestFiles.writeMnist(data, "t10k", Arrays.copyOf(labels, 20), false);
        return data;
    }

    /** A value of the wrong type or an unknown option: one line naming it and the help, not the usage. */
    @Test
    void aMistypedOptionIsOneLine() {
        CommandRun r = CommandRun.here("search", "--clip-alpha", "maybe");
        assertEquals(2, r.code());
        assertEquals("Invalid value for option '--clip-alpha': 'maybe' is not a boolean (see betadarts search --help)",
                r.message());
        r = CommandRun.here("experiment", "--epochs", "many", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.message().contains("'many' is not an int"), r.message());
        r = CommandRun.here("search", "--method", "enas");
        assertEquals(2, r.code(), r.err());
        assertEquals("unknown search method 'enas': expected one of [darts, gdas, pc-darts]", r.message());
        r = CommandRun.here("search", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.message().startsWith("Unknown option: '--no-such-option'"), r.message());
    }

    /**
     * The number of cells: -N/--cells-per-stage in nb201, --layers in the DARTS spaces; the other flag
     * is one line naming the right one, in search, train and bench, before any data is read.
     */
    @Test
    void theWrongCellCountFlagNamesTheRightOne() {
        String perStage = "-N/--cells-per-stage counts the cells per stage of nb201; darts takes --layers L, the "
                + "number of cells in all";
        CommandRun r = CommandRun.here("search", "--space", "darts", "-N", "3", "--out", tmp.resolve("a").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(perStage, r.message());
        r = CommandRun.here("search", "--space", "s2", "--cells-per-stage", "3", "--out", tmp.resolve("a").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(perStage.replace("; darts ", "; s2 "), r.message());
        r = CommandRun.here("search", "--layers", "8", "--out", tmp.resolve("a").toString());
        assertEquals(2, r.code(), r.err());
        String layers = "--layers counts all the cells of a DARTS-space network; nb201 takes -N/--cells-per-stage, "
                + "the cells per stage";
        assertEquals(layers, r.message());
        r = CommandRun.here("bench", "--space", "darts", "-N", "1");
        assertEquals(2, r.code(), r.err());
        assertEquals(perStage, r.message());
        r = CommandRun.here("train", "--genotype", "|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+"
                + "|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|", "--layers", "3", "--out", tmp.resolve("t").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(layers, r.message());
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("t")));
    }

    @Test
    void anOutputDirectoryHoldingARunIsKept() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("config.json"), "{\"command\" : \"search\"}\n");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":1}\n");
        Map<String, String> before = FileTree.snapshot(run);
        CommandRun r = CommandRun.here("search", "--data-dir", data().toString(), "--out", run.toString());
        assertEquals(2, r.code());
        assertEquals("output directory " + run + " already holds a run: continue it with --resume " + run
                + ", or choose another --out", r.message());
        assertEquals(before, FileTree.snapshot(run));
    }

    @Test
    void anUnwritableOutputDirectoryIsNamed() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a folder\n");
        CommandRun r = CommandRun.here("search", "--data-dir", data().toString(), "--out", file.resolve("run").toString());
        assertEquals(2, r.code());
        assertEquals("cannot create output directory " + file.resolve("run") + ": Not a directory ("
                + file.resolve("run") + ")", r.message());
        assertEquals("not a folder\n", Files.readString(file));

        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "the superuser can write anywhere");
            r = CommandRun.here("search", "--data-dir", data().toString(), "--out", locked.resolve("run").toString());
            assertEquals(2, r.code());
            assertTrue(r.message().startsWith("cannot create output directory " + locked.resolve("run")
                    + ": permission denied"), r.message());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void badRunOptionsAreOneLineAndWriteNothing() throws Exception {
        Path run = tmp.resolve("run");
        Map<String, String[]> cases = Map.of(
                "--checkpoint-every must be 0 (epochs only) or a positive number of steps",
                new String[] {"--checkpoint-every", "-1"},
                "--keep-checkpoints must be at least 1", new String[] {"--keep-checkpoints", "0"},
                "unknown --on-nan 'ignore': expected stop or skip-batch", new String[] {"--on-nan", "ignore"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String[] args = {"search", "--data-dir", data().toString(), "--out", run.toString(), c.getValue()[0],
                c.getValue()[1]};
            CommandRun r = CommandRun.here(args);
            assertEquals(2, r.code(), r.err());
            assertEquals(c.getKey(), r.message());
            assertFalse(Files.exists(run));
        }
    }

    @Test
    void aTruncatedDatasetFileStopsTheSearchBeforeItWritesAnything() throws Exception {
        Path data = data();
        Path images = data.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 5));
        Path run = tmp.resolve("run");
        CommandRun r = CommandRun.here("search", "--data-dir", data.toString(), "--out", run.toString());
        assertEquals(2, r.code());
        assertTrue(r.message().contains(images.toString()), r.message());
        assertFalse(Files.exists(run));
    }

    @Test
    void nanStopsNamingTheStepAndKeepsTheLastCheckpoint() throws Exception {
        Path run = tmp.resolve("nan");
        CommandRun r = CommandRun.child(tmp.resolve("nan.log"), "search", "--data-dir", data().toString(),
                "--epochs", "2", "--batch-size", "16", "-C", "2", "-N", "1", "--quiet", "--lr", "1e30",
                "--checkpoint-every", "1", "--out", run.toString());
        assertEquals(2, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.startsWith("betadarts: ")).findFirst().orElseThrow();
        assertTrue(line.matches("betadarts: (NaN|Infinity|-Infinity) loss in the (alpha|weight) step at epoch 1, "
                + "step [23]: search stopped, its last checkpoint kept \\(--on-nan skip-batch skips such updates\\)"),
                line);
        int failed = Integer.parseInt(line.replaceAll(".*step (\\d+):.*", "$1"));
        Checkpoints.Loaded last = new Checkpoints(run.resolve("checkpoints"), 2).latest();
        assertEquals(0, last.entry().epoch());
        assertEquals(failed - 1, last.entry().step(), "the checkpoint before the failing step");
        assertFalse(Files.exists(run.resolve("metrics.jsonl")));

        Path skipping = tmp.resolve("skip");
        r = CommandRun.child(tmp.resolve("skip.log"), "search", "--data-dir", data().toString(),
                "--epochs", "2", "--batch-size", "16", "-C", "2", "-N", "1", "--quiet", "--lr", "1e30",
                "--on-nan", "skip-batch", "--out", skipping.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(skipping.resolve("metrics.jsonl")).contains("\"skipped\":"));
        assertTrue(Files.exists(skipping.resolve("genotype.txt")));
    }
}
