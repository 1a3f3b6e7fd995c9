package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.betadarts.space.Genotype;
import org.betadarts.space.Spaces;
import org.betadarts.space.darts.DartsGenotype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tiny end-to-end searches of the DARTS spaces, in both orders. */
class DartsSearchTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, {1} order")
    @CsvSource({"darts, first", "darts, second", "darts-8op, first", "s1, first", "s1, second", "s2, first",
        "s2, second", "s3, first", "s3, second", "s4, first", "s4, second"})
    void searchEndsWithAGenotypeThatReadsBack(String space, String order) throws Exception {
        Path out = tmp.resolve(space + "-" + order);
        Genotype g;
        float[] before;
        float[] after;
        try (Search s = TinySearch.search(TinySearch.darts(space, order))) {
            before = s.alpha().values().clone();
            g = s.run(RunDirectory.create(out), SearchListener.NONE);
            after = s.alpha().values();
        }
        DartsGenotype cell = assertInstanceOf(DartsGenotype.class, g);
        double moved = 0;
        for (int i = 0; i < after.length; i++) {
            assertTrue(Float.isFinite(after[i]), "alpha " + i);
            moved = Math.max(moved, Math.abs(after[i] - before[i]));
        }
        assertTrue(moved > 1e-5, "alpha moved by at most " + moved);
        assertEquals(cell, DartsGenotype.parse(Files.readString(out.resolve(RunDirectory.GENOTYPE_TEXT))));
        assertEquals(cell, DartsGenotype.parse(Files.readString(out.resolve(RunDirectory.GENOTYPE_JSON))));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode metrics = mapper.readTree(Files.readAllLines(out.resolve(RunDirectory.METRICS)).get(0));
        assertEquals(cell.text(), metrics.get("genotype").asText());
        assertEquals(2, metrics.get("softmax").size(), "normal and reduce");
        assertTrue(Double.isFinite(metrics.get("valid_loss").asDouble()));
        JsonNode alpha = mapper.readTree(out.resolve(RunDirectory.ALPHA).toFile());
        assertEquals(14, alpha.get("alpha").get("reduce").size());
        if (space.equals("s1")) {
            assertEquals("dil_conv_3x3", alpha.get("edge_ops").get("normal").get(0).get(1).asText());
        } else {
            assertEquals(Spaces.byName(space).alphas().get(0).ops(0).size(), alpha.get("ops").size());
        }
    }

    @ParameterizedTest(name = "{0} order")
    @CsvSource({"first", "second"})
    void liveTensorCountStaysFlatOverEpochs(String order) {
        TinySearch.assertLiveTensorCountStaysFlat(TinySearch.darts("darts", order));
    }

    /** One step each: the α step comes first, so the weight step's loss shows the perturbation. */
    @ParameterizedTest(name = "{0}, {1} order, {2}")
    @CsvSource({"darts, second, adversarial", "darts, first, random", "s1, first, adversarial",
        "s2, second, random", "s3, first, adversarial", "s4, first, random"})
    void perturbedSearchesRunOnEverySpace(String space, String order, String kind) {
        SearchConfig plain = TinySearch.darts(space, order).with(Map.of("perturbAlpha", "none"));
        Map<String, Object> unperturbed;
        try (Search s = TinySearch.search(plain)) {
            unperturbed = s.runEpoch(0, SearchListener.NONE);
        }
        try (Search s = TinySearch.search(plain.with(Map.of("perturbAlpha", kind)))) {
            Map<String, Object> m = s.runEpoch(0, SearchListener.NONE);
            assertEquals(0.03, (double) m.get("perturb_epsilon"), 1e-12);
            double loss = (double) m.get("train_loss");
            assertTrue(Double.isFinite(loss) && loss != (double) unperturbed.get("train_loss"),
                    loss + " vs " + unperturbed.get("train_loss"));
        }
    }

    @Test
    void liveTensorCountStaysFlatUnderTheAttack() {
        TinySearch.assertLiveTensorCountStaysFlat(TinySearch.darts("darts", "second")
                .with(Map.of("perturbAlpha", "adversarial")));
    }

    @Test
    void theSameSeedRepeatsEvenWithNoise() throws Exception {
        float[][] runs = new float[2][];
        for (int i = 0; i < 2; i++) {
            try (Search s = TinySearch.search(TinySearch.darts("s4", "first"))) {
                s.run(RunDirectory.create(tmp.resolve("r" + i)), SearchListener.NONE);
                runs[i] = s.alpha().values().clone();
            }
        }
        assertArrayEquals(runs[0], runs[1], 0f);
    }
}
