package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlphaStatsTest {
    private static final float LN2 = (float) Math.log(2);
    private static final float LN3 = (float) Math.log(3);

    @Test
    void softmaxOfEachRow() {
        float[][] a = {{0f, LN2, LN3}, {5f, 5f, 5f}};
        float[][] b = {{1000f, 0f}, {-1000f, -1000f}};
        List<double[][]> s = AlphaStats.softmax(List.of(a, b));
        assertEquals(2, s.size());
        // exp: 1, 2, 3 -> 1/6, 2/6, 3/6
        assertArrayEquals(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, s.get(0)[0], 1e-7);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, s.get(0)[1], 1e-12);
        assertArrayEquals(new double[] {1, 0}, s.get(1)[0], 1e-12, "no overflow at 1000");
        assertArrayEquals(new double[] {0.5, 0.5}, s.get(1)[1], 1e-12, "no underflow at -1000");
    }

    @Test
    void meanLogSumExpOverAllEdges() {
        float[][] a = {{0f, LN2, LN3}, {5f, 5f, 5f}};  // ln 6, 5 + ln 3
        float[][] b = {{-1000f, -1000f, -1000f, -1000f}}; // -1000 + ln 4
        double expected = (Math.log(6) + 5 + Math.log(3) - 1000 + Math.log(4)) / 3;
        assertEquals(expected, AlphaStats.meanLogSumExp(List.of(a, b)), 1e-6);
        // the mean is over edges, not over tensors: one tensor of 2 edges and one of 1 edge weigh 2:1
        assertEquals((Math.log(6) + 5 + Math.log(3)) / 2, AlphaStats.meanLogSumExp(List.<float[][]>of(a)), 1e-6);
    }

    @Test
    void meanAndPopulationVarianceOfAllValues() {
        float[][] a = {{1f, 2f}, {3f, 4f}};
        float[][] b = {{6f, 8f}};
        // values 1 2 3 4 6 8: mean 4, squared deviations 9 4 1 0 4 16 -> 34 / 6
        double[] mv = AlphaStats.meanAndVariance(List.of(a, b));
        assertEquals(4.0, mv[0], 1e-12);
        assertEquals(34.0 / 6, mv[1], 1e-12);

        float[][] c = {{1e-3f, -1e-3f, 1e-3f, -1e-3f}};
        double[] small = AlphaStats.meanAndVariance(List.<float[][]>of(c));
        assertEquals(0.0, small[0], 1e-15);
        assertEquals(1e-6, small[1], 1e-12);
    }

    @Test
    void opShareIsTheMeanWeightOfEachOpOverAllEdges() {
        double[][] a = {{0.5, 0.25, 0.25}, {0.1, 0.1, 0.8}};
        double[][] b = {{0.2, 0.8}};
        var share = AlphaStats.opShare(List.of(a, b), List.of(
                new org.betadarts.space.AlphaSpec("a", 2, List.of("none", "skip_connect", "nor_conv_3x3")),
                new org.betadarts.space.AlphaSpec("b", 1, List.of("nor_conv_3x3", "skip_connect"))));
        assertEquals(List.of("none", "skip_connect", "nor_conv_3x3"), List.copyOf(share.keySet()));
        assertEquals((0.5 + 0.1) / 3, share.get("none"), 1e-12);
        assertEquals((0.25 + 0.1 + 0.8) / 3, share.get("skip_connect"), 1e-12);
        assertEquals((0.25 + 0.8 + 0.2) / 3, share.get("nor_conv_3x3"), 1e-12);
        assertEquals((0.6 + 1.15) / 3, org.betadarts.space.ParameterFreeOps.weight(
                org.betadarts.space.Spaces.byName("nb201"), share), 1e-12);
    }
}
