package org.betadarts.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class SpacesTest {
    /** The cell β-DARTS finds on NAS-Bench-201: index 9930, 94.36 % CIFAR-10 test (the reference notes). */
    static final String BETA =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    static final String DARTS_V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
            + "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], "
            + "normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), "
            + "('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], "
            + "reduce_concat=[2, 3, 4, 5])";

    @Test
    void everySpaceKnowsWhetherEachOfItsOpsHasWeightsAndHowItsCellsTrain() {
        for (String name : Spaces.names()) {
            SearchSpace space = Spaces.byName(name);
            assertEquals(name, space.name());
            for (AlphaSpec a : space.alphas()) {
                for (int e = 0; e < a.edges(); e++) {
                    a.ops(e).forEach(space::parameterFree);
                }
            }
            assertEquals(name.equals("nb201") ? "nb201" : "darts", space.training().name(), name);
            assertEquals(name.equals("nb201"), space.benchmark().isPresent(), name);
        }
        assertThrows(UserError.class, () -> Spaces.training("nb-201"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spaces.byName("nb201").parameterFree("sep_conv_3x3"));
        assertEquals("unknown NAS-Bench-201 op sep_conv_3x3", e.getMessage());
    }

    @Test
    void aGenotypesTextTellsWhichSpaceItBelongsTo() {
        assertEquals("nb201", Spaces.recognizing(" " + BETA).orElseThrow().name());
        assertEquals("darts", Spaces.recognizing(DARTS_V2).orElseThrow().name());
        assertTrue(Spaces.recognizing("resnet18").isEmpty());
    }

    @Test
    void theNasBench201EntryLooksCellsUpDrawsThemAndNamesTheirEdges() {
        SearchSpace nb201 = Spaces.byName("nb201");
        Benchmark b = nb201.benchmark().orElseThrow();
        Genotype cell = nb201.training().parse(BETA);
        assertEquals(List.of("cifar10_valid", "cifar10_test", "cifar100_valid", "cifar100_test", "imagenet16_valid",
                "imagenet16_test"), b.columns().stream().map(Benchmark.Column::key).toList());
        assertEquals(94.36, b.values(cell)[1], 0.005);
        assertTrue(b.brief(cell).contains("94.36% CIFAR-10 test") && b.brief(cell).contains("(index 9930)"),
                b.brief(cell));
        List<List<String>> table = b.table(cell);
        assertEquals(8, table.get(0).size());
        assertEquals(List.of("index 9930", "94.36"), List.of(table.get(1).get(0), table.get(1).get(2)));
        assertEquals(new CellEdge(0, 3, "skip_connect"), nb201.drawing(BETA).orElseThrow().get(3));
        assertEquals("Edge 3 ← 1", nb201.edgeTitle("cell", 4));

        SearchSpace darts = Spaces.byName("darts");
        assertFalse(darts.drawing(DARTS_V2).isPresent());
        assertEquals("reduce edge 13", darts.edgeTitle("reduce", 13));
    }
}
