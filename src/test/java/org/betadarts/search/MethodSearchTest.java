package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GDAS and PC-DARTS searches: every space with some regularizer, order and perturbation; resumed exactly. */
class MethodSearchTest {
    @TempDir
    Path tmp;

    private static SearchConfig config(String method, String space, String regularizer, String order, String perturb) {
        SearchConfig base = space.equals("nb201") ? TinySearch.config(regularizer).with(Map.of("epochs", 1))
                : TinySearch.darts(space, order).with(Map.of("regularizer", regularizer));
        return base.with(Map.of("method", method, "order", order, "perturbAlpha", perturb, "channels", 4));
    }

    /** One epoch per combination: α moves, the metrics are finite, GDAS reports τ, a cell is derived. */
    @ParameterizedTest
    @CsvSource({"gdas, nb201, darts-minus, first, none", "gdas, darts, beta-decay, second, random",
        "gdas, darts-8op, l2, first, adversarial", "gdas, s1, weight-decay, first, random",
        "gdas, s2, none, first, none", "gdas, s3, beta-decay, first, random", "gdas, s4, beta-decay, first, none",
        "pc-darts, nb201, beta-decay, second, adversarial", "pc-darts, darts, darts-minus, first, random",
        "pc-darts, darts-8op, beta-decay, first, none", "pc-darts, s1, l2, first, none",
        "pc-darts, s2, weight-decay, first, random", "pc-darts, s3, beta-decay, second, none",
        "pc-darts, s4, none, first, random"})
    void searchesEverySpace(String method, String space, String regularizer, String order, String perturb)
            throws Exception {
        SearchConfig config = config(method, space, regularizer, order, perturb);
        Path dir = tmp.resolve("run");
        try (Search s = TinySearch.search(config)) {
            float[] before = s.alpha().values().clone();
            String cell = s.run(RunDirectory.create(dir), SearchListener.NONE).text();
            assertFalse(Arrays.equals(before, s.alpha().values()), "α moved");
            assertFalse(cell.isEmpty());
        }
        JsonNode line = Json.MAPPER.readTree(Files.readAllLines(dir.resolve(RunDirectory.METRICS)).get(0));
        assertEquals(method, line.get("method").asText());
        assertTrue(Double.isFinite(line.get("arch_loss").asDouble()) && Double.isFinite(line.get("valid_loss").asDouble()));
        assertEquals(method.equals("gdas"), line.has("tau"));
        JsonNode alpha = Json.MAPPER.readTree(dir.resolve(RunDirectory.ALPHA).toFile());
        assertEquals(method.equals("pc-darts"), alpha.has("pc-darts"), "the edge parameters beside α");
    }

    /** Both methods learn: the training loss of the third epoch is below the first's, the α gradient not zero. */
    @ParameterizedTest
    @ValueSource(strings = {"gdas", "pc-darts"})
    void theSupernetLearns(String method) {
        SearchConfig config = TinySearch.config("none").with(Map.of("method", method, "channels", 4, "epochs", 3,
                "archWeightDecay", 0.0));
        try (Search s = TinySearch.search(config)) {
            double first = (double) s.runEpoch(0, SearchListener.NONE).get("train_loss");
            float[] afterOne = s.alpha().values().clone();
            s.runEpoch(1, SearchListener.NONE);
            double third = (double) s.runEpoch(2, SearchListener.NONE).get("train_loss");
            assertTrue(third < first - 0.05, "training loss " + first + " then " + third);
            assertFalse(Arrays.equals(afterOne, s.alpha().values()), "α moved without weight decay");
        }
    }

    /** A search restored in the middle of its second epoch ends bit for bit as the uninterrupted one. */
    @ParameterizedTest
    @ValueSource(strings = {"gdas", "pc-darts"})
    void resumedMidEpochEndsAsTheUninterruptedSearch(String method) throws Exception {
        SearchConfig config = TinySearch.config("beta-decay").with(Map.of("method", method, "channels", 4));
        Checkpoints.Loaded checkpoint = TinySearch.assertResumedMidEpochEndsAsUninterrupted(config, tmp);
        assertEquals(method.equals("gdas"), checkpoint.contents().metadata().has("method_random"));
    }

    @Test
    void pcDartsLiveTensorCountStaysFlatOverEpochs() {
        TinySearch.assertLiveTensorCountStaysFlat(TinySearch.config("beta-decay").with(Map.of("method", "pc-darts",
                "channels", 4)));
    }

    /**
     * GDAS too, after its first epoch: an op's first run creates caches (average pooling's border
     * counts per resolution), and with one sampled op per edge some ops first run in the second epoch.
     */
    @Test
    void gdasLiveTensorCountStaysFlatAfterItsFirstEpoch() {
        SearchConfig config = TinySearch.config("beta-decay").with(Map.of("method", "gdas", "channels", 4,
                "epochs", 4));
        try (Search s = TinySearch.search(config)) {
            List<Integer> counts = new ArrayList<>();
            for (int e = 0; e < 4; e++) {
                s.runEpoch(e, SearchListener.NONE);
                counts.add(s.weights().manager().getManagedArrays().size());
            }
            assertEquals(counts.get(1), counts.get(2), "live arrays after each epoch: " + counts);
            assertEquals(counts.get(2), counts.get(3), "live arrays after each epoch: " + counts);
        }
    }

    /** Without α steps in the warm-up epochs, α is where it started after them and has no α-step metrics. */
    @ParameterizedTest
    @ValueSource(strings = {"darts", "pc-darts"})
    void warmupEpochsLeaveAlphaAlone(String method) {
        SearchConfig config = TinySearch.config("none").with(Map.of("method", method, "alphaWarmup", 1,
                "channels", 4));
        try (Search s = TinySearch.search(config)) {
            float[] before = s.alpha().values().clone();
            Map<String, Object> first = s.runEpoch(0, SearchListener.NONE);
            assertArrayEquals(before, s.alpha().values(), 0f);
            assertTrue(Double.isNaN((double) first.get("arch_loss")));
            s.runEpoch(1, SearchListener.NONE);
            assertFalse(Arrays.equals(before, s.alpha().values()), "α steps after the warm-up");
        }
    }
}
