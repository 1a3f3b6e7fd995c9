package org.betadarts.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.data.Augmentation;
import org.betadarts.data.Dataset;
import org.betadarts.io.UserError;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.betadarts.search.RunListener;
import org.betadarts.space.CellTraining;
import org.betadarts.space.EvalNetwork;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.Spaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DartsTrainingTest {
    static final String DARTS_V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
            + "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], "
            + "normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), "
            + "('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], "
            + "reduce_concat=[2, 3, 4, 5])";

    private final CellTraining space = Spaces.training("darts");

    @TempDir
    Path tmp;

    @Test
    void dartsV2HasThePublishedSizeWithoutItsAuxiliaryHead() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            space.build(p, new NetworkShape(3, 10, 36, 20), space.parse(DARTS_V2), true);
            assertEquals(3_349_342, EvalNetwork.parameterCount(p));
            assertTrue(p.count() > 3_349_342 + 768 * 128 * 4, "the auxiliary head has weights too: " + p.count());
        }
    }

    @Test
    void theAuxiliaryHeadReadsCellTwoThirdsInTrainingOnly() {
        try (NDManager m = TestDevice.manager()) {
            EvalNetwork net = space.build(new Parameters(m, 0), new NetworkShape(3, 4, 2, 3), space.parse(DARTS_V2),
                    true);
            NDArray images = m.randomNormal(new Shape(2, 3, 32, 32));
            EvalNetwork.Outputs train = net.forward(images, true, DropPath.NONE);
            assertEquals(new Shape(2, 4), train.logits().getShape());
            assertNotNull(train.auxiliary());
            assertEquals(new Shape(2, 4), train.auxiliary().getShape());
            assertNull(net.forward(images, false, DropPath.NONE).auxiliary());
            UserError e = assertThrows(UserError.class,
                    () -> net.forward(m.randomNormal(new Shape(2, 3, 28, 28)), true, DropPath.NONE));
            assertTrue(e.getMessage().contains("--auxiliary-weight 0"), e.getMessage());
        }
    }

    @Test
    void trainsWithTheAuxiliaryHeadDropPathAndCutoutThenSavesAModelThatPredictsTheSame() {
        Dataset data = new Dataset("tiny32", TinyTraining.images(16, 3, 7), TinyTraining.images(8, 3, 8),
                List.of("dark", "mid", "light"), new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f},
                new Augmentation(4, true));
        data = new Dataset("tiny32", upscale(data.train()), upscale(data.test()), data.classNames(), data.mean(),
                data.std(), data.augmentation());
        TrainConfig config = TrainConfig.preset(space, "darts").with(Map.of("dataset", "tiny32", "epochs", 2, "batchSize", 8,
                "channels", 2, "cells", 3));
        Path dir = tmp.resolve("model");
        float[] input = new float[3 * 32 * 32];
        java.util.Arrays.fill(input, 0.4f);
        float[] before;
        try (Trainer t = new Trainer(config, data, FoundCell.resolve(DARTS_V2), TestDevice.device())) {
            assertTrue(t.weights().params().keySet().stream().anyMatch(n -> n.startsWith("auxiliary.")));
            float[] aux = t.weights().params().get("auxiliary.classifier.weight").toFloatArray();
            Map<String, Object> first = t.runEpoch(0, RunListener.NONE);
            Map<String, Object> second = t.runEpoch(1, RunListener.NONE);
            assertEquals(0.0, (double) first.get("drop_path"));
            assertEquals(0.1, (double) second.get("drop_path"), 1e-12, "0.2 ramped over 2 epochs");
            assertTrue(Double.isFinite((double) second.get("train_loss")), first + " / " + second);
            assertFalse(java.util.Arrays.equals(aux, t.weights().params().get("auxiliary.classifier.weight")
                    .toFloatArray()), "the auxiliary head trains");
            TrainedModel model = t.model();
            before = model.probabilities(input);
            model.save(dir);
        }
        try (TrainedModel loaded = TrainedModel.load(dir)) {
            assertArrayEquals(before, loaded.probabilities(input), 0f);
            assertEquals("darts", loaded.description().space());
        }
    }

    /** Each 8x8 image repeated 4x4 times: 32x32. */
    static org.betadarts.data.ImageSet upscale(org.betadarts.data.ImageSet s) {
        byte[] px = new byte[s.size() * s.channels() * 32 * 32];
        int k = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int c = 0; c < s.channels(); c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        px[k++] = (byte) s.pixel(i, c, y % 8, x % 8);
                    }
                }
            }
        }
        return new org.betadarts.data.ImageSet(px, s.labels(), s.channels(), 32, 32);
    }

    @Test
    void readsSearchRunDirectoriesOfEveryDartsSpaceAndKnowsItsPresets() throws Exception {
        String json = io(space.parse(DARTS_V2).json());
        FoundCell cell = null;
        for (String searched : List.of("darts", "darts-8op", "s2")) {
            Path run = Files.createDirectories(tmp.resolve("run-" + searched));
            Files.writeString(run.resolve("genotype.json"),
                    "{\"space\": \"" + searched + "\", \"genotype\": " + json + "}");
            cell = FoundCell.resolve(run.toString());
            assertEquals("darts", cell.space().name(), searched);
            assertEquals(space.parse(DARTS_V2), cell.genotype(), searched);
        }
        assertEquals(cell.genotype(), FoundCell.resolve(DARTS_V2).genotype());

        TrainConfig d = TrainConfig.preset(space, "darts");
        assertEquals(600, d.epochs());
        assertEquals(96, d.batchSize());
        assertEquals(36, d.channels());
        assertEquals(20, d.cells());
        assertEquals(0.025, d.lr());
        assertEquals(3e-4, d.weightDecay());
        assertEquals(5.0, d.gradClip());
        assertEquals(0.4, d.auxiliaryWeight());
        assertEquals(0.2, d.dropPath());
        assertEquals(16, d.cutout());
        assertEquals(false, d.nesterov());
        assertEquals(0.0, TrainConfig.preset(space, "quick").auxiliaryWeight(), "Fashion-MNIST is too small for the head");
        assertThrows(UserError.class, () -> TrainConfig.preset(space, "nb201"));
    }

    private static String io(Object value) throws Exception {
        return org.betadarts.io.Json.MAPPER.writeValueAsString(value);
    }
}
