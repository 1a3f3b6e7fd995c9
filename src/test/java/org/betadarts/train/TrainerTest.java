package org.betadarts.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.betadarts.nn.TestDevice;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.RunListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path tmp;

    private static Trainer trainer(TrainConfig config, String arch) {
        return new Trainer(config, TinyTraining.data(1), TinyTraining.cell(arch), TestDevice.device());
    }

    private static float[] weights(Trainer t) {
        List<Float> all = new ArrayList<>();
        for (NDArray a : t.weights().params().values()) {
            for (float v : a.toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void runDirectoryHoldsMetricsResultGenotypeAndModel() throws Exception {
        Path out = tmp.resolve("run");
        List<Long> started = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        TrainResult r;
        long count;
        try (Trainer t = trainer(TinyTraining.config(), TinyTraining.CELL)) {
            count = t.parameterCount();
            assertEquals(t.weights().count(), count, "no auxiliary head: every weight counts");
            r = t.run(RunDirectory.create(out), new RunListener() {
                @Override
                public void started(long totalSteps, long doneSteps) {
                    started.add(totalSteps);
                }

                @Override
                public void stepped(int epoch, int step, double trainLoss, double trainAccuracy) {
                    steps.add(step);
                }
            });
        }
        assertEquals(List.of(6L), started, "48 images in batches of 16, 2 epochs");
        assertEquals(List.of(0, 1, 2, 0, 1, 2), steps);
        List<String> lines = Files.readAllLines(out.resolve(RunDirectory.METRICS));
        assertEquals(2, lines.size());
        JsonNode last = Json.MAPPER.readTree(lines.get(1));
        for (String key : List.of("epoch", "lr", "train_loss", "train_acc", "test_loss", "test_acc", "best_test_acc",
                "seconds")) {
            assertTrue(last.has(key), key);
        }
        assertEquals(0.05, last.get("lr").asDouble(), 1e-6, "cosine from 0.1 to 0, halfway at epoch 2 of 2");
        assertEquals(r.finalTestAccuracy(), last.get("test_acc").asDouble(), 1e-12);
        assertEquals(r.bestTestAccuracy(), last.get("best_test_acc").asDouble(), 1e-12);
        JsonNode result = Json.MAPPER.readTree(out.resolve(Trainer.RESULT).toFile());
        assertEquals(count, result.get("parameters").asLong());
        assertEquals(TinyTraining.CELL, result.get("genotype").asText());
        assertEquals(TinyTraining.CELL, Files.readString(out.resolve(RunDirectory.GENOTYPE_TEXT)).strip());
        assertEquals(TinyTraining.CELL, FoundCell.resolve(out.toString()).genotype().text(),
                "a training run directory names its cell as a search run does");
        assertTrue(Files.isRegularFile(out.resolve("model").resolve(TrainedModel.WEIGHTS)));
        assertFalse(Files.exists(out.resolve("alpha")));
    }

    @Test
    void learnsTheBrightnessClasses() {
        try (Trainer t = trainer(TinyTraining.config().with(Map.of("epochs", 4)), TinyTraining.CELL)) {
            float[] initial = weights(t);
            double accuracy = 0;
            for (int e = 0; e < 4; e++) {
                accuracy = (double) t.runEpoch(e, RunListener.NONE).get("test_acc");
            }
            assertTrue(accuracy > 0.6, "test accuracy " + accuracy);
            assertFalse(java.util.Arrays.equals(initial, weights(t)));
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        TrainConfig config = TinyTraining.config().with(Map.of("maxTrain", 32, "maxTest", 8, "cutout", 3));
        float[] a;
        try (Trainer t = trainer(config, TinyTraining.CELL)) {
            t.runEpoch(0, RunListener.NONE);
            a = weights(t);
        }
        try (Trainer t = trainer(config, TinyTraining.CELL)) {
            t.runEpoch(0, RunListener.NONE);
            assertArrayEquals(a, weights(t), 0f);
        }
        try (Trainer t = trainer(config.with(Map.of("seed", 1L)), TinyTraining.CELL)) {
            t.runEpoch(0, RunListener.NONE);
            assertFalse(java.util.Arrays.equals(a, weights(t)));
        }
    }

    @Test
    void theAllNoneCellTrainsWithoutFailing() {
        String none = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
        try (Trainer t = trainer(TinyTraining.config(), none)) {
            Map<String, Object> m = t.runEpoch(0, RunListener.NONE);
            assertTrue(Double.isFinite((double) m.get("train_loss")), m.toString());
            assertEquals(1 / 3.0, (double) m.get("test_acc"), 1e-9, "the same class for every image");
        }
    }

    @Test
    void cellsWhoseOutputIgnoresSomeEdgesTrainWithClippingAndCutout() {
        String dead = "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|";
        TrainConfig config = TinyTraining.config().with(Map.of("gradClip", 5.0, "cutout", 4));
        try (Trainer t = trainer(config, dead)) {
            Map<String, Object> m = t.runEpoch(0, RunListener.NONE);
            assertTrue(Double.isFinite((double) m.get("train_loss")), m.toString());
        }
    }

    @Test
    void liveTensorCountStaysFlatOverEpochs() {
        try (Trainer t = trainer(TinyTraining.config().with(Map.of("epochs", 3)), TinyTraining.CELL)) {
            List<Integer> counts = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                t.runEpoch(e, RunListener.NONE);
                counts.add(t.weights().manager().getManagedArrays().size());
            }
            assertEquals(counts.get(0), counts.get(1), "live arrays after each epoch: " + counts);
            assertEquals(counts.get(1), counts.get(2), "live arrays after each epoch: " + counts);
        }
    }

    @Test
    void limitsTheImagesAndRefusesDropPathForNb201() {
        try (Trainer t = trainer(TinyTraining.config().with(Map.of("maxTrain", 32, "maxTest", 10)), TinyTraining.CELL)) {
            assertEquals(32, t.data().train().size());
            assertEquals(10, t.data().test().size());
            assertEquals(2, t.stepsPerEpoch());
            assertEquals(48, TinyTraining.data(1).train().size(), "the dataset itself is unchanged");
        }
        UserError e = assertThrows(UserError.class,
                () -> trainer(TinyTraining.config().with(Map.of("dropPath", 0.2)), TinyTraining.CELL));
        assertTrue(e.getMessage().contains("--drop-path"), e.getMessage());
    }
}
