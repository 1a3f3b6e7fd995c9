package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.space.Genotype;
import org.betadarts.space.nb201.Nb201Genotype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {
    @TempDir
    Path tmp;

    private float[] run(SearchConfig config, Path out) {
        try (Search s = TinySearch.search(config)) {
            s.run(RunDirectory.create(out), SearchListener.NONE);
            return s.alpha().values().clone();
        }
    }

    @Test
    void alphaMovesAndTheSameSeedGivesTheSameAlpha() {
        SearchConfig config = TinySearch.config("beta-decay");
        float[] initial;
        try (Search s = TinySearch.search(config)) {
            initial = s.alpha().values().clone();
        }
        float[] a = run(config, tmp.resolve("a"));
        float[] b = run(config, tmp.resolve("b"));
        assertArrayEquals(a, b, 0f, "same seed, same config: identical alpha");
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            moved = Math.max(moved, Math.abs(a[i] - initial[i]));
        }
        assertTrue(moved > 1e-4, "alpha changed by at most " + moved);
        float[] other = run(config.with(Map.of("seed", 1L)), tmp.resolve("c"));
        assertFalse(java.util.Arrays.equals(a, other), "another seed gives another alpha");
    }

    @Test
    void betaDecayEndsWithSmallerLogSumExpThanPlainDarts() {
        double beta = meanLse(run(TinySearch.config("beta-decay"), tmp.resolve("beta")));
        double none = meanLse(run(TinySearch.config("none"), tmp.resolve("none")));
        assertTrue(beta < none, "beta-decay " + beta + " vs none " + none);
    }

    private static double meanLse(float[] values) {
        float[][] m = new float[values.length / 5][5];
        for (int i = 0; i < values.length; i++) {
            m[i / 5][i % 5] = values[i];
        }
        return AlphaStats.meanLogSumExp(List.<float[][]>of(m));
    }

    /**
     * The official schedules, read from the metrics of a 3-epoch search: λ = 0.5 · epoch (0, 0.5, 1.0)
     * and, the scheduler stepped before each epoch, lr(e) = 0.001 + 0.024 · (1 + cos(π (e + 1) / 3)) / 2
     * (0.019, 0.007, 0.001: the last epoch at lr_min).
     */
    @Test
    void officialSchedulesInTheMetrics() throws Exception {
        Path out = tmp.resolve("schedules");
        try (Search s = TinySearch.search(TinySearch.config("beta-decay").with(Map.of("epochs", 3)))) {
            s.run(RunDirectory.create(out), SearchListener.NONE);
        }
        List<String> lines = Files.readAllLines(out.resolve(RunDirectory.METRICS));
        double[] lambda = {0, 0.5, 1.0};
        double[] lr = {0.019, 0.007, 0.001};
        ObjectMapper mapper = new ObjectMapper();
        for (int e = 0; e < 3; e++) {
            JsonNode m = mapper.readTree(lines.get(e));
            assertEquals(lambda[e], m.get("lambda").asDouble(), 1e-12, "lambda, epoch " + e);
            assertEquals(lr[e], m.get("lr").asDouble(), 1e-7, "lr, epoch " + e);
        }
        Path plain = tmp.resolve("plain");
        try (Search s = TinySearch.search(TinySearch.config("beta-decay").with(Map.of("epochs", 3, "lrEpochOffset", 0)))) {
            s.run(RunDirectory.create(plain), SearchListener.NONE);
        }
        JsonNode first = mapper.readTree(Files.readAllLines(plain.resolve(RunDirectory.METRICS)).get(0));
        assertEquals(0.025, first.get("lr").asDouble(), 1e-7, "without the offset epoch 0 trains at lr");
    }

    @Test
    void runDirectoryHoldsConfigMetricsAlphaAndGenotype() throws Exception {
        Path out = tmp.resolve("run");
        Genotype g;
        try (Search s = TinySearch.search(TinySearch.config("beta-decay"))) {
            g = s.run(RunDirectory.create(out), SearchListener.NONE);
        }
        List<String> lines = Files.readAllLines(out.resolve(RunDirectory.METRICS));
        assertEquals(2, lines.size());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode last = mapper.readTree(lines.get(1));
        assertEquals(2, last.get("epoch").asInt());
        assertEquals(0.5, last.get("lambda").asDouble(), 1e-9, "slope:0.5 at epoch index 1");
        for (String key : List.of("lr", "train_loss", "train_acc", "valid_loss", "valid_acc", "beta_term",
                "alpha_mean", "alpha_var", "softmax", "genotype")) {
            assertTrue(last.has(key), key);
        }
        assertEquals(6, last.get("softmax").get(0).size());
        double rowSum = 0;
        for (JsonNode p : last.get("softmax").get(0).get(0)) {
            rowSum += p.asDouble();
        }
        assertEquals(1.0, rowSum, 1e-9);
        String text = Files.readString(out.resolve(RunDirectory.GENOTYPE_TEXT)).trim();
        assertEquals(g.text(), text);
        assertEquals(g, Nb201Genotype.parse(text));
        assertEquals(text, last.get("genotype").asText());
        assertTrue(Files.exists(out.resolve("alpha/epoch-002.json")));
        JsonNode alpha = mapper.readTree(out.resolve(RunDirectory.ALPHA).toFile());
        assertEquals(6, alpha.get("alpha").get("cell").size());
    }

    @Test
    void liveTensorCountStaysFlatOverEpochs() {
        TinySearch.assertLiveTensorCountStaysFlat(TinySearch.config("beta-decay"));
    }

    @Test
    void dartsMinusFeedsItsSkipWeightToEveryEpochAndMetricsShowTheCollapseIndicators() {
        try (Search s = TinySearch.search(TinySearch.config("darts-minus"))) {
            for (int epoch = 0; epoch < 2; epoch++) {
                Map<String, Object> m = s.runEpoch(epoch, SearchListener.NONE);
                double beta = 1 - epoch / 2.0;
                assertEquals(beta, (double) m.get("beta"), 1e-12);
                float[] w = s.alpha().opWeights().get(0).toFloatArray();
                assertEquals(6 * 6, w.length, "five ops and the skip weight on each of six edges");
                for (int e = 0; e < 6; e++) {
                    assertEquals(beta, w[e * 6 + 5], 1e-6);
                }
                @SuppressWarnings("unchecked")
                List<double[][]> softmax = (List<double[][]>) m.get("softmax");
                double free = 0;
                for (double[] row : softmax.get(0)) {
                    free += (row[0] + row[1] + row[4]) / 6; // none, skip_connect, avg_pool_3x3
                }
                assertEquals(free, (double) m.get("param_free_weight"), 1e-12);
                @SuppressWarnings("unchecked")
                Map<String, Double> share = (Map<String, Double>) m.get("op_share");
                assertEquals(List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"),
                        List.copyOf(share.keySet()));
                assertFalse(m.containsKey("hessian_eig"));
            }
        }
    }

    @Test
    void trackingTheHessianChangesNothingElse() {
        SearchConfig config = TinySearch.config("beta-decay");
        Map<String, Object> plain = null;
        Map<String, Object> tracked = null;
        float[] plainAlpha;
        float[] trackedAlpha;
        try (Search s = TinySearch.search(config)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                plain = s.runEpoch(epoch, SearchListener.NONE);
            }
            plainAlpha = s.alpha().values().clone();
        }
        try (Search s = TinySearch.search(config.with(Map.of("trackHessian", true)))) {
            for (int epoch = 0; epoch < 2; epoch++) {
                tracked = s.runEpoch(epoch, SearchListener.NONE);
                double eig = (double) tracked.get("hessian_eig");
                assertTrue(Double.isFinite(eig) && eig != 0, "eigenvalue " + eig);
            }
            trackedAlpha = s.alpha().values().clone();
        }
        assertArrayEquals(plainAlpha, trackedAlpha, 0f, "α restored after measuring, training unchanged");
        assertEquals(plain.get("valid_loss"), tracked.get("valid_loss"));
        assertEquals(plain.get("train_loss"), tracked.get("train_loss"));
    }
}
