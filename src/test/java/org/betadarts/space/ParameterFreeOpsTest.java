package org.betadarts.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterFreeOpsTest {
    @Test
    void noneSkipPoolsAndNoiseHaveNoWeights() {
        SearchSpace nb201 = Spaces.byName("nb201");
        SearchSpace darts = Spaces.byName("darts-8op");
        for (String op : List.of("none", "skip_connect", "avg_pool_3x3")) {
            assertTrue(nb201.parameterFree(op), op);
        }
        for (String op : List.of("none", "skip_connect", "avg_pool_3x3", "max_pool_3x3")) {
            assertTrue(darts.parameterFree(op), op);
        }
        assertTrue(Spaces.byName("s4").parameterFree("noise"));
        for (String op : List.of("nor_conv_1x1", "nor_conv_3x3")) {
            assertFalse(nb201.parameterFree(op), op);
        }
        for (String op : List.of("sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5")) {
            assertFalse(darts.parameterFree(op), op);
        }
        assertEquals(0.5, ParameterFreeOps.share(nb201, List.of("none", "nor_conv_3x3", "avg_pool_3x3", "nor_conv_1x1")));
        assertEquals(0.25, ParameterFreeOps.weight(darts, Map.of("max_pool_3x3", 0.125, "skip_connect", 0.125,
                "sep_conv_3x3", 0.75)), 1e-12);
    }
}
