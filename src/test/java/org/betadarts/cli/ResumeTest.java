package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing a search and continuing it gives the run an uninterrupted search gives; a checkpoint
 * that is damaged, or from another search, is refused with one line and changes nothing.
 */
class ResumeTest {
    /** Three epochs of six steps on 192 synthetic images: a few seconds. */
    private static final List<String> SETTINGS = List.of("--epochs", "3", "--batch-size", "16", "-C", "2", "-N", "1",
            "--seed", "3", "--quiet");

    @TempDir
    static Path shared;
    private static Path data;
    /** An uninterrupted run that kept a checkpoint after every step. */
    private static Path reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        data = ResumeChecks.syntheticData(shared.resolve("data"), 192);
        reference = shared.resolve("reference");
        CommandRun run = CommandRun.child(shared.resolve("reference.log"),
                search("--checkpoint-every", "1", "--keep-checkpoints", "100", "--out", reference.toString()));
        assertEquals(0, run.code(), run.err());
    }

    private static String[] search(String... more) {
        List<String> args = new ArrayList<>(List.of("search", "--data-dir", data.toString()));
        args.addAll(SETTINGS);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The results of two runs agree bit for bit: α after each epoch, the cell, every metric but seconds. */
    private static void assertSameResults(Path expected, Path actual) throws IOException {
        Map<String, String> a = results(expected);
        Map<String, String> b = results(actual);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertEquals(a.get(name), b.get(name), name);
        }
    }

    private static Map<String, String> results(Path run) throws IOException {
        return ResumeChecks.searchResults(run);
    }

    /** Starts a search that checkpoints every step, kills it in its second epoch and resumes it to the end. */
    private Path killedInTheSecondEpochAndResumed(String name, String... options) throws Exception {
        Path run = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--checkpoint-every", "1", "--out", run.toString()));
        Path log = tmp.resolve(name + ".log");
        Process p = CommandRun.start(log, search(args.toArray(String[]::new)));
        Path mark = run.resolve("checkpoints/epoch-0001-step-000002.ckpt");
        ResumeChecks.killOnceWritten(p, mark, log);
        assertFalse(Files.exists(run.resolve("genotype.txt")), "killed before the end");
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "killed in the second epoch");

        CommandRun resumed = CommandRun.child(tmp.resolve(name + "-resumed.log"), "search", "--resume", run.toString(),
                "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("search: resuming " + run + " from epoch-0001-step-00000"), resumed.err());
        assertFalse(resumed.err().contains("warning"), "same thread count, intact checkpoints: " + resumed.err());
        return run;
    }

    @Test
    void killedMidEpochAndResumedEndsBitForBitAsTheUninterruptedRun() throws Exception {
        Path run = killedInTheSecondEpochAndResumed("killed");
        assertSameResults(reference, run);
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0002-step-000005.ckpt", "epoch-0003-step-000000.ckpt"),
                    s.map(f -> f.getFileName().toString()).sorted().toList(), "the newest two, no temporary files");
        }
        assertTrue(Files.readString(run.resolve("resumes.jsonl")).contains("\"--resume\""));
    }

    /**
     * SIGUSR1 (what Slurm sends before a time limit) makes the search write a checkpoint at the next
     * step boundary and exit with code 75; resumed, it ends as the uninterrupted run.
     */
    @Test
    void sigusr1StopsWithACheckpointAndExitCode75AndTheResumedRunEndsTheSame() throws Exception {
        Path run = tmp.resolve("signalled");
        Path log = tmp.resolve("signalled.log");
        ResumeChecks.stopOnSignal(CommandRun.start(log, search("--out", run.toString())), run, log, "USR1");
        assertTrue(Files.readString(log).contains("search: SIGUSR1: stopped on request with a checkpoint at epoch "),
                Files.readString(log));
        assertFalse(Files.exists(run.resolve("genotype.json")));
        CommandRun resumed = CommandRun.child(tmp.resolve("signalled-resumed.log"), "search", "--resume",
                run.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertSameResults(reference, run);
    }

    /**
     * The perturbation draws its uniforms inside steps: its generator continues from the step it was killed after.
     * Three processes (the uninterrupted run, the killed one, its continuation) must agree bit for bit, so a
     * gradient that depended on when a process collected garbage showed here first (LossPassTest).
     */
    @Test
    void aPerturbedSearchKilledMidEpochAndResumedEndsAsItsUninterruptedRun() throws Exception {
        Path whole = tmp.resolve("whole");
        CommandRun run = CommandRun.child(tmp.resolve("whole.log"), search("--perturb-alpha", "random", "--out",
                whole.toString()));
        assertEquals(0, run.code(), run.err());
        assertTrue(Files.readString(whole.resolve("metrics.jsonl")).contains("\"perturb_epsilon\":"));
        Path resumed = killedInTheSecondEpochAndResumed("perturbed", "--perturb-alpha", "random");
        assertSameResults(whole, resumed);
        assertFalse(results(reference).equals(results(whole)), "the perturbation changed the search");
    }

    private Path copyOfReference(String name) throws IOException {
        return FileTree.copy(reference, tmp.resolve(name));
    }

    private static Path checkpoint(Path run, int epoch, int step) {
        return run.resolve(String.format("checkpoints/epoch-%04d-step-%06d.ckpt", epoch, step));
    }

    private static void flipOneByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x40;
        Files.write(file, bytes);
    }

    @Test
    void damagedNewestCheckpointsArePassedOverAndTheRunStillEndsTheSame() throws Exception {
        Path run = copyOfReference("damaged");
        flipOneByte(checkpoint(run, 3, 0));
        Files.write(checkpoint(run, 2, 5), new byte[0]);
        for (String name : List.of("alpha.json", "genotype.json", "genotype.txt")) {
            Files.delete(run.resolve(name));
        }
        CommandRun resumed = CommandRun.child(tmp.resolve("resumed.log"), "search", "--resume", run.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("betadarts: warning: checkpoint " + checkpoint(run, 3, 0) + " is damaged: "
                + "checksum mismatch (truncated or corrupted); moved to epoch-0003-step-000000.ckpt.damaged, "
                + "continuing from epoch-0002-step-000004.ckpt"), resumed.err());
        assertTrue(resumed.err().contains("betadarts: warning: " + checkpoint(run, 2, 5)
                + " is not a betadarts checkpoint (bad magic number); moved to"), resumed.err());
        assertSameResults(reference, run);
    }

    /**
     * A checkpoint names no device but in the settings it records, which a resume may change: a run
     * saved on gpu:1 (its config.json and checkpoints say so) continues with --device cpu and ends as
     * the uninterrupted run on the CPU.
     */
    @Test
    void aCheckpointWrittenOnAnotherDeviceContinuesOnThisOne() throws Exception {
        Path run = copyOfReference("moved");
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.compareTo("epoch-0001-step-000003.ckpt") > 0) {
                    Files.delete(p);
                } else {
                    TensorFile.Contents c = TensorFile.read(p);
                    assertEquals(List.of("cpu"), c.metadata().findValuesAsText("device"), "the only device field: the setting");
                    Files.write(p, TensorFile.bytes(withMetadata(c, "config.device", "gpu:1")));
                }
            }
        }
        for (String name : List.of("alpha.json", "genotype.json", "genotype.txt")) {
            Files.delete(run.resolve(name));
        }
        Path config = run.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"device\" : \"cpu\"", "\"device\" : \"gpu:1\""));
        assertTrue(Files.readString(config).contains("\"device\" : \"gpu:1\""), "config.json names gpu:1");
        CommandRun resumed = CommandRun.child(tmp.resolve("moved.log"), "search", "--resume", run.toString(),
                "--device", "cpu", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("from epoch-0001-step-000003.ckpt"), resumed.err());
        assertSameResults(reference, run);
    }

    /** Resuming fails with {@code message} (after "betadarts: ") and leaves every file as it was. */
    private static void assertRefused(Path run, String message, String... extra) throws IOException {
        ResumeChecks.assertRefused("search", run, message, extra);
    }

    @Test
    void aTruncatedOnlyCheckpointIsRefused() throws IOException {
        Path run = copyOfReference("truncated");
        Path last = checkpoint(run, 3, 0);
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            for (Path p : s.filter(p -> !p.equals(last)).toList()) {
                Files.delete(p);
            }
        }
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, Arrays.copyOf(bytes, bytes.length - 1000));
        assertRefused(run, "checkpoint " + last + " is damaged: checksum mismatch (truncated or corrupted)");
    }

    @Test
    void allCheckpointsCorruptedIsRefused() throws IOException {
        Path run = copyOfReference("corrupted");
        long count;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            List<Path> all = s.toList();
            for (Path p : all) {
                flipOneByte(p);
            }
            count = all.size();
        }
        assertRefused(run, "checkpoint " + checkpoint(run, 3, 0) + " is damaged: checksum mismatch (truncated or "
                + "corrupted) (and the " + (count - 1) + " older checkpoints in " + run.resolve("checkpoints")
                + " are damaged too)");
    }

    /** Rewrites the newest checkpoint, intact (checksum and all) but changed by {@code edit}. */
    private static Path editNewest(Path run, UnaryOperator<TensorFile.Contents> edit) throws IOException {
        Path last = checkpoint(run, 3, 0);
        Files.write(last, TensorFile.bytes(edit.apply(TensorFile.read(last))));
        return last;
    }

    private static TensorFile.Contents withMetadata(TensorFile.Contents c, String field, Object value) {
        ObjectNode meta = (ObjectNode) c.metadata().deepCopy();
        ObjectNode target = field.startsWith("config.") ? (ObjectNode) meta.get("config") : meta;
        target.set(field.substring(field.indexOf('.') + 1), Json.MAPPER.valueToTree(value));
        return new TensorFile.Contents(meta, c.tensors());
    }

    @Test
    void aCheckpointOfAnotherSpaceIsRefused() throws IOException {
        Path run = copyOfReference("space");
        Path last = editNewest(run, c -> withMetadata(c, "space", "darts"));
        assertRefused(run, "checkpoint " + last + " is from a search of space 'darts'; this search is of space 'nb201'");
    }

    @Test
    void aCheckpointWithOtherShapesIsRefused() throws IOException {
        Path run = copyOfReference("shapes");
        Path last = editNewest(run, c -> {
            Map<String, TensorFile.Tensor> tensors = new LinkedHashMap<>(c.tensors());
            tensors.put("alpha/cell", new TensorFile.Tensor(new long[] {6, 4}, new float[24]));
            return new TensorFile.Contents(c.metadata(), tensors);
        });
        assertRefused(run, "checkpoint " + last + " does not fit this search: alpha/cell is [6, 4] there, [6, 5] here");
    }

    @Test
    void aCheckpointWithOtherSettingsIsRefused() throws IOException {
        Path run = copyOfReference("settings");
        Path last = editNewest(run, c -> withMetadata(c, "config.epochs", 5));
        assertRefused(run, "checkpoint " + last + " is from a search with other settings: epochs 5 there, 3 here");
    }

    @Test
    void metricsShorterThanTheCheckpointAreRefused() throws IOException {
        Path run = copyOfReference("metrics");
        Path metrics = run.resolve("metrics.jsonl");
        Files.writeString(metrics, Files.readAllLines(metrics).get(0) + "\n");
        assertRefused(run, metrics + " has 1 lines, but the checkpoint has 3 epochs done");
    }

    @Test
    void settingsCannotChangeOnResume() throws IOException {
        Path run = copyOfReference("options");
        assertRefused(run, "--resume continues a run with the settings in its config.json; besides it only --quiet, "
                + "--checkpoint-every, --keep-checkpoints, --on-nan, --device are allowed, not --epochs, --lr", "--epochs", "5",
                "--lr", "0.1");
    }

    @Test
    void aFolderWithoutARunIsRefused() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRefused(empty, empty + " is not a run directory: it has no config.json and no checkpoints");
        CommandRun r = CommandRun.here("search", "--resume", tmp.resolve("nowhere").toString());
        assertEquals(2, r.code());
        assertEquals("run directory " + tmp.resolve("nowhere") + " does not exist", r.message());
        Path noCheckpoints = Files.createDirectories(tmp.resolve("fresh"));
        Files.copy(reference.resolve("config.json"), noCheckpoints.resolve("config.json"));
        assertRefused(noCheckpoints, "no checkpoint in " + noCheckpoints.resolve("checkpoints"));
        Path fromJava = tmp.resolve("java");
        Files.createDirectories(fromJava);
        copyTree(reference.resolve("checkpoints"), fromJava.resolve("checkpoints"));
        assertRefused(fromJava, fromJava + " has no config.json: it was not started by betadarts search; a run started "
                + "from Java continues from Java (README: Using it from Java)");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
