package org.betadarts.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterFreeOpsTest {
    @Test
    void noneSkipPoolsAndNoiseHaveNoWeights() {
        for (String op : List.of("none", "skip_connect", "avg_pool_3x3", "max_pool_3x3", "noise")) {
            assertTrue(ParameterFreeOps.contains(op), op);
        }
        for (String op : List.of("nor_conv_1x1", "nor_conv_3x3", "sep_conv_3x3", "dil_conv_5x5")) {
            assertFalse(ParameterFreeOps.contains(op), op);
        }
        assertEquals(0.5, ParameterFreeOps.share(List.of("none", "nor_conv_3x3", "avg_pool_3x3", "sep_conv_5x5")));
    }
}
