package org.betadarts.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.nn.Parameters;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.darts.DartsNetwork;
import org.betadarts.space.darts.DartsSpace;
import org.betadarts.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class PcDartsTest {
    private static final float[] BETA = {0.7f, 0.1f, -0.3f, 0.2f, 0.0f, 1.1f};

    /** NAS-Bench-201's nodes read 1, 2 and 3 edges: weights 1, softmax(b1, b2), softmax(b3, b4, b5). */
    @Test
    void edgeWeightsAreASoftmaxOverEachNodesIncomingEdges() {
        double e1 = Math.exp(0.1);
        double e2 = Math.exp(-0.3);
        double e3 = Math.exp(0.2);
        double e4 = 1;
        double e5 = Math.exp(1.1);
        double[] expected = {1, e1 / (e1 + e2), e2 / (e1 + e2), e3 / (e3 + e4 + e5), e4 / (e3 + e4 + e5),
            e5 / (e3 + e4 + e5)};
        Nb201Space space = new Nb201Space();
        PcDarts pc = new PcDarts(space.alphas(), space.edgesPerNode());
        float[][] host = new float[6][1];
        for (int i = 0; i < 6; i++) {
            host[i][0] = BETA[i];
        }
        assertArrayEquals(expected, pc.edgeWeights(List.<float[][]>of(host)).get(0), 1e-7);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] device = pc.edgeWeights(0, List.of(m.create(BETA, new Shape(6, 1)))).toFloatArray();
            for (int i = 0; i < 6; i++) {
                assertEquals(expected[i], device[i], 1e-6, "edge " + i);
            }
        }
        assertEquals(List.of("edge_cell"), pc.extraParams().stream().map(a -> a.name()).toList());
    }

    /**
     * The NAS-Bench-201 supernet (C=16, N=5) has 1,686,106 weights; its edges' convolutions hold
     * 10·c² per edge at c channels (1x1 and 3x3, no bias; search batch norm has none), so with a quarter
     * of the channels 60·(c² − (c/4)²) fewer per cell: 5 cells at each of 16, 32, 64.
     */
    @Test
    void nb201WeightCountFollowsTheLayerFormula() {
        long fewer = 0;
        for (int c : new int[] {16, 32, 64}) {
            fewer += 5 * 60L * (c * c - (c / 4) * (c / 4));
        }
        assertEquals(1_686_106 - fewer, count(new Nb201Space(), new NetworkShape(3, 10, 16, 5)));
        assertEquals(174_106, 1_686_106 - fewer);
    }

    /**
     * The DARTS supernet (C=16, L=8, 7 ops) has 1,930,618 weights. Per edge at c channels the separable
     * convs hold 2·(9c + c²) and 2·(25c + c²), the dilated ones 9c + c² and 25c + c², 102c + 6c² in all;
     * a stride-2 edge's skip_connect (FactorizedReduce) adds c²; the pools and batch norm none.
     */
    @Test
    void dartsWeightCountFollowsTheLayerFormula() {
        long fewer = 0;
        int c = 16;
        for (int i = 0; i < 8; i++) {
            boolean reduction = DartsNetwork.isReduction(i, 8);
            c = reduction ? 2 * c : c;
            int q = c / 4;
            fewer += 14L * (102L * (c - q) + 6L * (c * c - q * q)) + (reduction ? 8L * (c * c - q * q) : 0);
        }
        assertEquals(1_930_618 - fewer, count(DartsSpace.darts(), new NetworkShape(3, 10, 16, 8)));
    }

    private static long count(SearchSpace space, NetworkShape shape) {
        PcDarts pc = new PcDarts(space.alphas(), space.edgesPerNode());
        try (NDManager m = NDManager.newBaseManager()) {
            Parameters p = new Parameters(m, 1);
            space.supernet(p, shape, pc.mixing());
            return p.count();
        }
    }

    @Test
    void paperPresetTakesTheOfficialPcDartsSettings() {
        assertEquals(256, PcDarts.presetOverrides("paper").get("batchSize"));
        assertEquals(0.1, PcDarts.presetOverrides("paper").get("lr"));
        assertEquals(6e-4, PcDarts.presetOverrides("paper").get("archLr"));
        assertEquals(15, PcDarts.presetOverrides("paper").get("alphaWarmup"));
        assertEquals(0, PcDarts.presetOverrides("quick").size());
    }

    /**
     * With uniform α every edge ties, and the earlier edges win; edge weights 0.2, 0.3, 0.5 on node 3's
     * edges (from nodes 0, 1, 2) make it keep the edges from 2 and 1, strongest first, each with the
     * first of the tied ops.
     */
    @Test
    void theDerivedCellRanksEdgesByOpWeightTimesEdgeWeight() {
        float[][] uniform = new float[14][7];
        double[] edges = new double[14];
        java.util.Arrays.fill(edges, 0.5);
        edges[2] = 0.2;
        edges[3] = 0.3;
        edges[4] = 0.5;
        DartsSpace space = DartsSpace.darts();
        String plain = space.derive(List.of(uniform, uniform)).text();
        String weighted = space.derive(List.of(uniform, uniform), List.of(edges, edges)).text();
        assertTrue(plain.startsWith("Genotype(normal=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('max_pool_3x3', 0), "
                + "('max_pool_3x3', 1), "), plain);
        assertTrue(weighted.startsWith("Genotype(normal=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('max_pool_3x3', 2), "
                + "('max_pool_3x3', 1), "), weighted);
    }
}
