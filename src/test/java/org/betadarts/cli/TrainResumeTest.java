package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing a training and continuing it gives the run an uninterrupted training gives; a checkpoint of
 * other settings, or options that would change them, are refused with one line and change nothing.
 */
class TrainResumeTest {
    private static final String CELL =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    /** Three epochs of eight steps on 128 synthetic images, cutout on: seconds. */
    private static final List<String> SETTINGS = List.of("--genotype", CELL, "--epochs", "3", "--batch-size", "16",
            "-C", "2", "-N", "1", "--seed", "3", "--cutout", "8", "--quiet");

    @TempDir
    static Path shared;
    private static Path data;
    private static Path reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        data = ResumeChecks.syntheticData(shared.resolve("data"), 128);
        reference = shared.resolve("reference");
        CommandRun run = CommandRun.child(shared.resolve("reference.log"), train("--out", reference.toString()));
        assertEquals(0, run.code(), run.err());
    }

    private static String[] train(String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data-dir", data.toString()));
        args.addAll(SETTINGS);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The cell, the result and every metric, all but seconds; the trained model's files. */
    private static Map<String, String> results(Path run) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("genotype.txt", Files.readString(run.resolve("genotype.txt")));
        ObjectNode result = (ObjectNode) Json.MAPPER.readTree(run.resolve("result.json").toFile());
        assertTrue(result.remove("seconds").isNumber());
        out.put("result.json", Json.line(result));
        ResumeChecks.putMetrics(run, out);
        FileTree.snapshot(run.resolve("model")).forEach((name, content) -> out.put("model/" + name, content));
        return out;
    }

    @Test
    void killedMidEpochAndResumedEndsBitForBitAsTheUninterruptedRun() throws Exception {
        Path run = tmp.resolve("killed");
        Path log = tmp.resolve("killed.log");
        Process p = CommandRun.start(log, train("--checkpoint-every", "1", "--out", run.toString()));
        Path mark = run.resolve("checkpoints/epoch-0001-step-000002.ckpt");
        ResumeChecks.killOnceWritten(p, mark, log);
        assertFalse(Files.exists(run.resolve("result.json")), "killed before the end");
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "killed in the second epoch");

        CommandRun resumed = CommandRun.child(tmp.resolve("resumed.log"), "train", "--resume", run.toString(),
                "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("train: resuming " + run + " from epoch-0001-step-00000"), resumed.err());
        assertFalse(resumed.err().contains("warning"), resumed.err());
        Map<String, String> expected = results(reference);
        Map<String, String> actual = results(run);
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name), actual.get(name), name);
        }
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0002-step-000007.ckpt", "epoch-0003-step-000000.ckpt"),
                    s.map(f -> f.getFileName().toString()).sorted().toList(), "the newest two");
        }
        assertTrue(Files.readString(run.resolve("resumes.jsonl")).contains("\"--resume\""));
    }

    /**
     * A first SIGTERM (Ctrl-C, a scheduler's cancel) makes the training write a checkpoint at the next
     * step boundary and exit with code 75; resumed, it ends bit for bit as the uninterrupted run.
     */
    @Test
    void sigtermStopsWithACheckpointAndExitCode75AndTheResumedRunEndsTheSame() throws Exception {
        Path run = tmp.resolve("signalled");
        Path log = tmp.resolve("signalled.log");
        ResumeChecks.stopOnSignal(CommandRun.start(log, train("--out", run.toString())), run, log, "TERM");
        assertTrue(Files.readString(log).contains("train: SIGTERM: stopped on request with a checkpoint at epoch "),
                Files.readString(log));
        assertFalse(Files.exists(run.resolve("result.json")));
        CommandRun resumed = CommandRun.child(tmp.resolve("signalled-resumed.log"), "train", "--resume",
                run.toString(), "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(results(reference), results(run));
    }

    @Test
    void otherSettingsAreRefusedAndChangeNothing() throws Exception {
        Path run = FileTree.copy(reference, tmp.resolve("other"));
        ResumeChecks.assertRefused("train", run, "--resume continues a run with the settings in its config.json; besides it only --quiet, "
                + "--checkpoint-every, --keep-checkpoints, --device are allowed, not --epochs", "--epochs", "4");
        Path config = run.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"lr\" : 0.1,", "\"lr\" : 0.2,"));
        ResumeChecks.assertRefused("train", run, "checkpoint " + run.resolve("checkpoints/epoch-0003-step-000000.ckpt") + " is from a "
                + "training with other settings: lr 0.1 there, 0.2 here");
    }

    /**
     * A training saved on gpu:1 (its config.json and checkpoint say so) is refused on a machine without
     * that GPU, and continues there with --device cpu: checkpoints hold no device.
     */
    @Test
    void aRunSavedOnAGpuContinuesOnTheCpu() throws Exception {
        Path run = FileTree.copy(reference, tmp.resolve("moved"));
        Path last = run.resolve("checkpoints/epoch-0003-step-000000.ckpt");
        TensorFile.Contents c = TensorFile.read(last);
        assertEquals(List.of("cpu"), c.metadata().findValuesAsText("device"), "the only device field: the setting");
        ObjectNode meta = (ObjectNode) c.metadata().deepCopy();
        ((ObjectNode) meta.get("config")).put("device", "gpu:1");
        Files.write(last, TensorFile.bytes(new TensorFile.Contents(meta, c.tensors())));
        Path config = run.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"device\" : \"cpu\"", "\"device\" : \"gpu:1\""));
        assumeTrue(Devices.gpuCount() < 2, "two GPUs here");
        String noGpu = assertThrows(UserError.class, () -> Devices.parse("gpu:1")).getMessage();
        ResumeChecks.assertRefused("train", run, noGpu);
        // stopped after its last checkpoint, before the model was written
        try (Stream<Path> files = Files.walk(run.resolve("model"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        Files.delete(run.resolve("result.json"));
        CommandRun resumed = CommandRun.child(tmp.resolve("moved.log"), "train", "--resume", run.toString(),
                "--device", "cpu", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("has done all 3 epochs"), resumed.err());
        assertEquals(results(reference), results(run));
    }
}
