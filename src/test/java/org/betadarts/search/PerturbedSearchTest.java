package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.betadarts.data.SavableRandom;
import org.betadarts.io.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tiny NAS-Bench-201 searches with the SDARTS perturbations of their weight steps. */
class PerturbedSearchTest {
    @TempDir
    Path tmp;

    private static SearchConfig config(String regularizer, String order, String perturbation) {
        return TinySearch.config(regularizer).with(Map.of("order", order, "perturbAlpha", perturbation));
    }

    /** α after two epochs, each epoch's metrics added to {@code metrics}. */
    private static float[] twoEpochs(SearchConfig config, List<Map<String, Object>> metrics) {
        try (Search s = TinySearch.search(config)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                metrics.add(s.runEpoch(epoch, SearchListener.NONE));
            }
            return s.alpha().values().clone();
        }
    }

    @ParameterizedTest(name = "{0} order")
    @CsvSource({"first", "second"})
    void bothPerturbationsChangeTheSearchAndRepeatWithTheSeed(String order) {
        List<Map<String, Object>> plainMetrics = new ArrayList<>();
        float[] plain = twoEpochs(config("beta-decay", order, "none"), plainMetrics);
        assertFalse(plainMetrics.get(0).containsKey("perturb_epsilon"), "no ε without a perturbation");
        List<float[]> seen = new ArrayList<>(List.of(plain));
        for (String kind : List.of("random", "adversarial")) {
            List<Map<String, Object>> metrics = new ArrayList<>();
            float[] alpha = twoEpochs(config("beta-decay", order, kind), metrics);
            for (float v : alpha) {
                assertTrue(Float.isFinite(v), kind);
            }
            for (float[] other : seen) {
                assertFalse(Arrays.equals(other, alpha), kind + " differs from the searches before it");
            }
            seen.add(alpha);
            assertEquals(0.03, (double) metrics.get(0).get("perturb_epsilon"), 1e-12, kind);
            assertEquals(0.165, (double) metrics.get(1).get("perturb_epsilon"), 1e-12, "0.03 + 0.27 · 1/2, " + kind);
            assertNotEquals(plainMetrics.get(0).get("train_loss"), metrics.get(0).get("train_loss"), kind);
        }
        if (order.equals(Architect.FIRST)) {
            assertArrayEquals(seen.get(2), twoEpochs(config("beta-decay", order, "adversarial"), new ArrayList<>()),
                    0f, "the same seed, the same adversarial search");
        }
    }

    /** DARTS-: only the softmax part is perturbed; the skip weight β stays the last column. */
    @Test
    void dartsMinusKeepsItsSkipColumnUnderTheAttack() {
        float[] plain = twoEpochs(config("darts-minus", "first", "none"), new ArrayList<>());
        try (Search s = TinySearch.search(config("darts-minus", "first", "adversarial"))) {
            for (int epoch = 0; epoch < 2; epoch++) {
                s.runEpoch(epoch, SearchListener.NONE);
                try (NDScope scope = new NDScope()) {
                    float[] w = s.alpha().opWeights().get(0).toFloatArray();
                    for (int e = 0; e < 6; e++) {
                        assertEquals(1 - epoch / 2.0, w[e * 6 + 5], 1e-6, "β, edge " + e);
                    }
                }
            }
            assertFalse(Arrays.equals(plain, s.alpha().values()));
        }
    }

    @Test
    void liveTensorCountStaysFlatUnderTheAttack() {
        TinySearch.assertLiveTensorCountStaysFlat(config("beta-decay", "first", "adversarial"));
    }

    /**
     * A search restored from a checkpoint in the middle of its second epoch ends bit for bit as the
     * uninterrupted one: the perturbation's generator is saved at the step.
     */
    @Test
    void resumedMidEpochEndsAsTheUninterruptedSearch() throws Exception {
        SearchConfig config = config("beta-decay", "first", "adversarial");
        Checkpoints.Loaded checkpoint = TinySearch.assertResumedMidEpochEndsAsUninterrupted(config, tmp);
        long state = checkpoint.contents().metadata().get("perturb_random").asLong();
        assertNotEquals(new SavableRandom(config.seed() + 2).state(), state, "draws made before the checkpoint");
    }
}
