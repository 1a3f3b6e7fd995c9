package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class SearchConfigTest {
    /**
     * Every field of the paper and quick presets, as positional values: the presets are written by
     * name ({@link org.betadarts.io.Records#of}), and these pin what the names give.
     */
    @Test
    void everyFieldOfThePresetsIsPinned() {
        SearchConfig paper = new SearchConfig("nb201", "cifar10", null, 32, 0, 100, 64, 16, 5, 0.5, 0,
                0.025, 0.001, 0.9, 3e-4, 5, 3e-4, 0.5, 0.999, 1e-3, 1e-3,
                "beta-decay", null, "cpu", "first", false, "auto",
                1, "random", "keep", true, "none", 0.3, "fp32", "darts", 10, 0.1, 0);
        RecordFields.assertSame(paper, SearchConfig.paper());
        SearchConfig quick = new SearchConfig("nb201", "fashion-mnist", null, 32, 6000, 8, 64, 8, 1, 0.5, 0,
                0.025, 0.001, 0.9, 3e-4, 5, 0.01, 0.5, 0.999, 1e-3, 1e-3,
                "beta-decay", null, "cpu", "first", false, "auto",
                1, "random", "keep", true, "none", 0.3, "fp32", "darts", 10, 0.1, 0);
        RecordFields.assertSame(quick, SearchConfig.quick());
    }

    @Test
    void paperHasTheReferenceSettings() {
        SearchConfig c = SearchConfig.paper();
        assertEquals("nb201", c.space());
        assertEquals("cifar10", c.dataset());
        assertEquals(0, c.maxTrain());
        assertEquals(100, c.epochs());
        assertEquals(64, c.batchSize());
        assertEquals(16, c.channels());
        assertEquals(5, c.cells());
        assertEquals(0.5, c.trainPortion());
        assertEquals(0.025, c.lr());
        assertEquals(0.001, c.lrMin());
        assertEquals(0.9, c.momentum());
        assertEquals(3e-4, c.weightDecay());
        assertEquals(5.0, c.gradClip());
        assertEquals(3e-4, c.archLr());
        assertEquals(0.5, c.archBeta1());
        assertEquals(0.999, c.archBeta2());
        assertEquals(1e-3, c.archWeightDecay());
        assertEquals(1e-3, c.alphaInit());
        assertEquals("beta-decay", c.regularizer());
        assertNull(c.lambda(), "the regularizer's own default weight (beta-decay: slope:0.5)");
        assertFalse(c.trackHessian());
    }

    @Test
    void withChangesOnlyTheNamedField() {
        SearchConfig p = SearchConfig.paper();
        SearchConfig c = p.with(Map.of("epochs", 3));
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<?, ?> before = mapper.convertValue(p, Map.class);
        Map<?, ?> after = mapper.convertValue(c, Map.class);
        assertEquals(before.keySet(), after.keySet());
        for (Object key : before.keySet()) {
            if (key.equals("epochs")) {
                assertEquals(3, after.get(key));
            } else {
                assertEquals(before.get(key), after.get(key), key.toString());
            }
        }
        assertEquals(100, p.epochs(), "the original is unchanged");

        SearchConfig d = p.with(Map.of("lr", 0.1, "regularizer", "none", "dataDir", "/data", "seed", 7L));
        assertEquals(0.1, d.lr());
        assertEquals("none", d.regularizer());
        assertEquals("/data", d.dataDir());
        assertEquals(7L, d.seed());
        assertEquals(p.lrMin(), d.lrMin());
        assertEquals(p, p.with(Map.of()));
    }

    @Test
    void quickPresetIsThePaperWithASmallerRunAndAFasterAlpha() {
        SearchConfig q = SearchConfig.preset("quick");
        assertEquals(SearchConfig.paper().with(Map.of("dataset", "fashion-mnist", "maxTrain", 6000,
                "epochs", 8, "channels", 8, "cells", 1, "archLr", 0.01)), q);
        assertEquals(SearchConfig.paper(), SearchConfig.preset("paper"));
        UserError e = assertThrows(UserError.class, () -> SearchConfig.preset("huge"));
        assertTrue(e.getMessage().contains("huge"), e.getMessage());
    }

    @Test
    void unknownKeyThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchConfig.paper().with(Map.of("epoch", 3)));
        assertTrue(e.getMessage().contains("epoch"), e.getMessage());
    }

    private static void assertRejected(String key, Object value, String mention) {
        UserError e = assertThrows(UserError.class, () -> SearchConfig.paper().with(Map.of(key, value)),
                key + " = " + value);
        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void validationNamesTheOption() {
        assertRejected("epochs", 0, "--epochs");
        assertRejected("epochs", -5, "--epochs");
        assertRejected("batchSize", 0, "--batch-size");
        assertRejected("channels", 0, "--channels");
        assertRejected("cells", 0, "--cells-per-stage");
        assertRejected("trainPortion", 0.0, "--train-portion");
        assertRejected("trainPortion", 1.0, "--train-portion");
        assertRejected("maxTrain", -1, "--max-train");
        assertRejected("lr", 0.0, "learning rate");
        assertRejected("archLr", -1e-3, "learning rate");
        assertRejected("regularizer", "dropout", "dropout");
        assertRejected("lambda", "linear:1", "linear:START:END");
        // the edges that are allowed
        SearchConfig ok = SearchConfig.paper().with(Map.of("epochs", 1, "batchSize", 1, "trainPortion", 0.9));
        assertEquals(1, ok.epochs());
    }

    @Test
    void orderIsFirstByDefaultAndOnlyFirstOrSecond() {
        assertEquals("first", SearchConfig.paper().order());
        assertEquals("second", SearchConfig.paper().with(Map.of("order", "second")).order());
        assertRejected("order", "third", "--order");
    }

    /** The official search's data and schedule details, each a named setting. */
    @Test
    void thePaperPresetIsTheOfficialSearch() {
        SearchConfig p = SearchConfig.paper();
        assertEquals(1, p.lrEpochOffset(), "scheduler stepped before each epoch");
        assertTrue(p.randomAlphaBatches(), "a fresh random α batch per step");
        assertFalse(p.dropLastBatch(), "the last partial batch kept");
        assertTrue(p.clipAlpha(), "NAS-Bench-201: α in the clipping norm");
        assertNull(p.lambda(), "β-Decay's own default, slope:0.5");
        assertRejected("lrEpochOffset", 2, "--lr-epoch-offset");
        assertRejected("alphaBatches", "sometimes", "--alpha-batches");
        assertRejected("lastBatch", "maybe", "--last-batch");
        assertEquals("none", p.perturbAlpha(), "the official NAS-Bench-201 script perturbs nothing");
        assertEquals(0.3, p.perturbEpsilon());
        assertRejected("perturbAlpha", "gaussian", "--perturb-alpha must be none, random or adversarial");
        assertRejected("perturbEpsilon", -0.1, "--perturb-epsilon");
        for (String kind : new String[] {"none", "random", "adversarial"}) {
            assertEquals(kind, p.with(Map.of("perturbAlpha", kind)).perturbAlpha());
        }
        assertNull(p.with(java.util.Collections.singletonMap("perturbAlpha", null)).perturbAlpha(), "null: none");
        // settings written before these existed read as the old behaviour
        SearchConfig old = p.with(java.util.Collections.singletonMap("alphaBatches", null))
                .with(java.util.Collections.singletonMap("lastBatch", null));
        assertFalse(old.randomAlphaBatches());
        assertTrue(old.dropLastBatch());
    }

    @Test
    void thePaperPresetOfTheDartsSpacesIsFiftyEpochsOfEightCells() {
        for (String name : java.util.List.of("darts", "darts-8op")) {
            SearchConfig darts = SearchConfig.preset("paper", org.betadarts.space.Spaces.byName(name));
            assertEquals(SearchConfig.paper().with(Map.of("space", name, "epochs", 50, "cells", 8, "clipAlpha", false,
                    "perturbAlpha", "random")), darts);
            assertEquals(16, darts.channels());
            assertEquals(64, darts.batchSize());
        }
        assertEquals("random", SearchConfig.preset("quick", org.betadarts.space.Spaces.byName("s1")).perturbAlpha(),
                "SDARTS-RS, the official DARTS-space default");
        assertEquals(SearchConfig.paper(), SearchConfig.preset("paper", org.betadarts.space.Spaces.byName("nb201")));
        assertEquals("s3", SearchConfig.preset("quick", org.betadarts.space.Spaces.byName("s3")).space());
    }

    @Test
    void aMethodsPresetOverridesComeAfterTheSpacesAndUnknownMethodsAreRefused() {
        org.betadarts.space.SearchSpace darts = org.betadarts.space.Spaces.byName("darts");
        assertEquals(SearchConfig.preset("paper", darts).with(Map.of("method", "pc-darts", "batchSize", 256, "lr", 0.1,
                "archLr", 6e-4, "alphaWarmup", 15)), SearchConfig.preset("paper", darts, "pc-darts"));
        assertEquals(SearchConfig.preset("quick", darts).with(Map.of("method", "gdas")),
                SearchConfig.preset("quick", darts, "gdas"));
        assertEquals("darts", SearchConfig.paper().methodName());
        assertRejected("method", "enas", "unknown search method 'enas'");
        assertRejected("tauMin", 0.0, "--tau-min");
        assertRejected("alphaWarmup", -1, "--alpha-warmup");
    }
}
