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
        assertEquals(25.0, last.get("lambda").asDouble(), 1e-9, "linear 0..50 over 2 epochs, at epoch index 1");
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
}
