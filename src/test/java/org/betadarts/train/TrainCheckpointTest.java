package org.betadarts.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.betadarts.data.Augmentation;
import org.betadarts.data.Dataset;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.Json;
import org.betadarts.io.TensorFile;
import org.betadarts.io.UserError;
import org.betadarts.nn.TestDevice;
import org.betadarts.search.OnNan;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.RunListener;
import org.betadarts.search.RunOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training restored from a checkpoint, at an epoch's end or within one, ends as an uninterrupted one. */
class TrainCheckpointTest {
    private static final RunOptions EVERY_STEP = new RunOptions(1, 100, OnNan.STOP);

    @TempDir
    Path tmp;

    /** The uninterrupted run: final weights and buffers, and the metrics without seconds. */
    private record Outcome(List<float[]> tensors, List<JsonNode> metrics) {}

    private static Outcome outcome(Trainer t, Path dir) throws Exception {
        List<float[]> tensors = new ArrayList<>();
        t.weights().params().values().forEach(a -> tensors.add(a.toFloatArray()));
        t.weights().buffers().values().forEach(a -> tensors.add(a.toFloatArray()));
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RunDirectory.METRICS))) {
            ObjectNode m = (ObjectNode) Json.MAPPER.readTree(line);
            m.remove("seconds");
            metrics.add(m);
        }
        return new Outcome(tensors, metrics);
    }

    private void resumesExactly(TrainConfig config, Dataset data, String arch, List<String> from) throws Exception {
        Path straight = tmp.resolve("straight");
        Outcome reference;
        try (Trainer t = new Trainer(config, data, FoundCell.resolve(arch), TestDevice.device())) {
            t.run(RunDirectory.create(straight), RunListener.NONE, EVERY_STEP);
            reference = outcome(t, straight);
        }
        assertEquals(config.epochs(), reference.metrics().size());
        for (String name : from) {
            Path resumed = tmp.resolve("from-" + name);
            RunDirectory dir = RunDirectory.create(resumed);
            Files.copy(straight.resolve(RunDirectory.METRICS), resumed.resolve(RunDirectory.METRICS));
            Path file = straight.resolve(RunDirectory.CHECKPOINTS).resolve(name);
            Checkpoints.Entry entry = new Checkpoints(file.getParent(), 1).list().stream()
                    .filter(e -> e.file().equals(file)).findFirst().orElseThrow();
            try (Trainer t = new Trainer(config, data, FoundCell.resolve(arch), TestDevice.device())) {
                t.restore(new Checkpoints.Loaded(entry, TensorFile.read(file), List.of()));
                assertEquals(entry.epoch(), t.epochsDone());
                t.run(dir, RunListener.NONE, RunOptions.DEFAULTS);
                Outcome again = outcome(t, resumed);
                assertEquals(reference.metrics(), again.metrics(), name);
                for (int i = 0; i < reference.tensors().size(); i++) {
                    assertArrayEquals(reference.tensors().get(i), again.tensors().get(i), 0f, name + " tensor " + i);
                }
            }
        }
    }

    @Test
    void nb201CellWithCutoutResumesBitExactlyAfterAnEpochAndWithinOne() throws Exception {
        TrainConfig config = TinyTraining.config().with(Map.of("cutout", 4));
        resumesExactly(config, TinyTraining.data(1), TinyTraining.CELL,
                List.of("epoch-0001-step-000000.ckpt", "epoch-0000-step-000001.ckpt", "epoch-0001-step-000002.ckpt"));
    }

    @Test
    void dartsCellWithDropPathAuxiliaryHeadAndCutoutResumesBitExactlyWithinAnEpoch() throws Exception {
        Dataset small = new Dataset("tiny32", TinyTraining.images(16, 3, 7), TinyTraining.images(8, 3, 8),
                List.of("dark", "mid", "light"), new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f},
                new Augmentation(4, true));
        Dataset data = new Dataset("tiny32", DartsTrainingTest.upscale(small.train()),
                DartsTrainingTest.upscale(small.test()), small.classNames(), small.mean(), small.std(),
                small.augmentation());
        TrainConfig config = TrainConfig.preset(org.betadarts.space.Spaces.training("darts"), "darts").with(Map.of("dataset", "tiny32", "epochs", 2,
                "batchSize", 8, "channels", 2, "cells", 3));
        resumesExactly(config, data, DartsTrainingTest.DARTS_V2, List.of("epoch-0001-step-000001.ckpt"));
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefusedAndChangesNothing() throws Exception {
        Path dir = tmp.resolve("run");
        try (Trainer t = new Trainer(TinyTraining.config(), TinyTraining.data(1), TinyTraining.cell(TinyTraining.CELL),
                TestDevice.device())) {
            t.run(RunDirectory.create(dir), RunListener.NONE);
        }
        Checkpoints.Loaded latest = new Checkpoints(dir.resolve(RunDirectory.CHECKPOINTS), 2).latest();
        assertEquals(2, latest.entry().epoch());
        try (Trainer t = new Trainer(TinyTraining.config().with(Map.of("lr", 0.2)), TinyTraining.data(1),
                TinyTraining.cell(TinyTraining.CELL), TestDevice.device())) {
            float[] before = t.weights().params().values().iterator().next().toFloatArray();
            UserError e = assertThrows(UserError.class, () -> t.restore(latest));
            assertTrue(e.getMessage().contains("other settings: lr"), e.getMessage());
            assertArrayEquals(before, t.weights().params().values().iterator().next().toFloatArray(), 0f);
            assertEquals(0, t.epochsDone());
        }
        try (Trainer t = new Trainer(TinyTraining.config().with(Map.of("channels", 6)), TinyTraining.data(1),
                TinyTraining.cell(TinyTraining.CELL), TestDevice.device())) {
            UserError e = assertThrows(UserError.class, () -> t.restore(latest));
            assertTrue(e.getMessage().contains("channels"), e.getMessage());
        }
    }
}
