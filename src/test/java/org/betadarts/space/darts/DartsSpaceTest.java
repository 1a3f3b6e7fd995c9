package org.betadarts.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;
import org.betadarts.space.SupernetModel;
import org.junit.jupiter.api.Test;

class DartsSpaceTest {
    /**
     * Weights of one search edge on c channels (stride-2 skip: FactorizedReduce). Only the convolutions
     * have weights: the pools (non-affine batch norm), the identity and {@code none} have none, so the
     * count is the same with and without {@code none}.
     */
    private static long edge(long c, boolean stride2) {
        long sep = 2 * (9 * c + c * c) + 2 * (25 * c + c * c);
        long dil = (9 * c + c * c) + (25 * c + c * c);
        return sep + dil + (stride2 ? c * c : 0);
    }

    /**
     * Trainable scalars of the DARTS search network counted layer by layer: stem conv3x3 to 3C + affine
     * BN; per cell two 1x1 preprocessing convs (a FactorizedReduce has as many weights) and 14 edges,
     * 8 of them stride 2 in a reduction cell; linear classifier. Cell BN is not affine.
     */
    static long expectedCount(NetworkShape s) {
        long c = s.channels();
        long n = s.inputChannels() * 3 * c * 9 + 2 * 3 * c;
        long prevPrev = 3 * c;
        long prev = 3 * c;
        int layers = s.cells();
        for (int i = 0; i < layers; i++) {
            boolean reduction = i == layers / 3 || i == 2 * layers / 3;
            if (reduction) {
                c *= 2;
            }
            n += prevPrev * c + prev * c;
            n += reduction ? 8 * edge(c, true) + 6 * edge(c, false) : 14 * edge(c, false);
            prevPrev = prev;
            prev = 4 * c;
        }
        return n + prev * s.classes() + s.classes();
    }

    /**
     * 1,930,618: the published DARTS search network (8 ops) at C=16, L=8, 10 classes, counted by PyTorch
     * (benchmarks/torch_darts.py). {@code none} has no weights, so the 7-op space has the same count.
     */
    @Test
    void searchNetworkHasTheKnownSizeWithAndWithoutNone() {
        NetworkShape shape = new NetworkShape(3, 10, 16, 8);
        assertEquals(1_930_618L, expectedCount(shape), "the layer-by-layer count itself");
        for (DartsSpace space : List.of(DartsSpace.darts(), DartsSpace.darts8op())) {
            try (NDManager m = TestDevice.manager()) {
                Parameters p = new Parameters(m, 0);
                space.supernet(p, shape);
                assertEquals(1_930_618L, p.count(), space.name());
                for (String name : p.params().keySet()) {
                    assertFalse(name.startsWith("cells.") && (name.endsWith(".bn.weight") || name.endsWith(".bn.bias")),
                            "cell batch norm is not affine: " + name);
                }
            }
        }
    }

    @Test
    void otherShapesHaveTheLayerByLayerSize() {
        try (NDManager m = TestDevice.manager()) {
            for (NetworkShape shape : List.of(new NetworkShape(1, 10, 4, 5), new NetworkShape(3, 100, 2, 3),
                    new NetworkShape(3, 2, 2, 1), new NetworkShape(3, 2, 2, 2))) {
                Parameters p = new Parameters(m, 0);
                DartsSpace.darts().supernet(p, shape);
                assertEquals(expectedCount(shape), p.count(), shape.toString());
            }
        }
    }

    @Test
    void reductionCellsSitAtAThirdAndTwoThirds() {
        List<Integer> reductions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            if (DartsNetwork.isReduction(i, 8)) {
                reductions.add(i);
            }
        }
        assertEquals(List.of(2, 5), reductions);
        assertTrue(DartsNetwork.isReduction(1, 5) && DartsNetwork.isReduction(3, 5));
        assertTrue(DartsNetwork.isReduction(0, 1), "one cell: it reduces");
    }

    @Test
    void the8OpSpaceStillHasNoneInFourteenByEightAlphas() {
        List<AlphaSpec> alphas = Spaces.byName("darts-8op").alphas();
        assertEquals(List.of("normal", "reduce"), alphas.stream().map(AlphaSpec::name).toList());
        for (AlphaSpec a : alphas) {
            assertEquals(14, a.edges());
            assertEquals(8, a.width());
            assertEquals(List.of("none", "max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3",
                    "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"), a.ops(13));
            assertTrue(a.uniform());
        }
    }

    private static NDArray uniformWeights(NDManager m, int ops) {
        return m.ones(new Shape(14, ops)).div(ops);
    }

    @Test
    void logitsHaveOneRowPerImageInEverySpaceAndOddSizesWork() {
        try (NDManager m = TestDevice.manager()) {
            for (String name : List.of("darts", "darts-8op", "s1", "s2", "s3", "s4")) {
                SearchSpace space = Spaces.byName(name);
                Parameters p = new Parameters(m, 0);
                SupernetModel net = space.supernet(p, new NetworkShape(3, 10, 2, 3));
                int ops = space.alphas().get(0).width();
                NDArray logits = net.forward(m.randomNormal(new Shape(2, 3, 9, 9)),
                        List.of(uniformWeights(m, ops), uniformWeights(m, ops)), true);
                assertEquals(new Shape(2, 10), logits.getShape(), name);
                for (float v : logits.toFloatArray()) {
                    assertTrue(Float.isFinite(v), name);
                }
            }
        }
    }

    @Test
    void forwardReleasesEveryIntermediateTensor() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            SupernetModel net = DartsSpace.darts().supernet(p, new NetworkShape(3, 10, 2, 3));
            NDArray w = uniformWeights(m, 7);
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            net.forward(x, List.of(w, w), true).close();
            int before = m.getManagedArrays().size();
            net.forward(x, List.of(w, w), true).close();
            assertEquals(before, m.getManagedArrays().size());
        }
    }

    @Test
    void spacesAreRegisteredByName() {
        assertEquals(List.of("nb201", "darts", "darts-8op", "s1", "s2", "s3", "s4"), Spaces.names());
        for (String name : Spaces.names()) {
            assertEquals(name, Spaces.byName(name).name());
        }
        assertEquals(List.of("skip_connect", "sep_conv_3x3"), Spaces.byName("s2").alphas().get(0).ops(0));
        assertEquals(List.of("none", "skip_connect", "sep_conv_3x3"), Spaces.byName("s3").alphas().get(1).ops(5));
        assertEquals(List.of("noise", "sep_conv_3x3"), Spaces.byName("s4").alphas().get(0).ops(7));
    }

    @Test
    void s1HasItsOwnPairOnEveryEdge() {
        List<AlphaSpec> alphas = RobustDartsSpaces.s1().alphas();
        for (AlphaSpec a : alphas) {
            assertEquals(14, a.edges());
            assertEquals(2, a.width());
            assertFalse(a.uniform());
        }
        assertEquals(List.of("skip_connect", "dil_conv_3x3"), alphas.get(0).ops(0));
        assertEquals(List.of("max_pool_3x3", "skip_connect"), alphas.get(0).ops(5));
        assertEquals(List.of("dil_conv_3x3", "dil_conv_5x5"), alphas.get(0).ops(13));
        assertEquals(List.of("max_pool_3x3", "dil_conv_3x3"), alphas.get(1).ops(1));
        assertEquals(List.of("skip_connect", "dil_conv_5x5"), alphas.get(1).ops(13));
    }

    @Test
    void thePaperPresetOfTheDartsSpacesIsFiftyEpochsOfEightCells() {
        for (String name : List.of("darts", "darts-8op", "s1", "s4")) {
            // the official DARTS-space script clips the weights only (its α are not module parameters)
            // and perturbs the op weights randomly (SDARTS-RS) by default
            assertEquals(Map.of("epochs", 50, "cells", 8, "clipAlpha", false, "perturbAlpha", "random"),
                    Spaces.byName(name).presetOverrides("paper"));
            assertEquals("random", Spaces.byName(name).presetOverrides("quick").get("perturbAlpha"));
        }
        assertEquals(Map.of(), Spaces.byName("nb201").presetOverrides("paper"));
    }

    // ----- derivation in the 8-op space (with none)

    private static final int NONE = 0;
    private static final int MAX = 1;
    private static final int AVG = 2;
    private static final int SKIP = 3;
    private static final int SEP3 = 4;
    private static final int SEP5 = 5;
    private static final int DIL3 = 6;
    private static final int DIL5 = 7;

    /** An α row with {@code value} at {@code op} and 0 elsewhere. */
    private static float[] row(int op, float value) {
        float[] r = new float[8];
        r[op] = value;
        return r;
    }

    private static float[][] cell(float[]... rows) {
        assertEquals(14, rows.length);
        return rows;
    }

    private static DartsGenotype derive(float[][] normal, float[][] reduce) {
        return DartsSpace.darts8op().derive(List.of(normal, reduce));
    }

    @Test
    void deriveKeepsTheTwoStrongestEdgesPerNodeAndTheirBestNonNoneOp() {
        float[][] normal = cell(
                row(SEP3, 2f), row(SKIP, 1f),                       // node 2: both
                row(DIL3, 0.5f), row(SEP5, 3f), row(MAX, 1f),       // node 3: 1 then 2
                row(AVG, 1f), row(NONE, 9f), row(DIL5, 2f), row(SEP3, 1.5f), // node 4: 2 then 3 (none ignored)
                row(SKIP, 1f), row(SKIP, 2f), row(SKIP, 3f), row(SKIP, 4f), row(SEP5, 5f)); // node 5: 4 then 3
        float[][] equal = new float[14][8];
        DartsGenotype g = derive(normal, equal);
        assertEquals(List.of(
                new DartsGenotype.Entry("sep_conv_3x3", 0), new DartsGenotype.Entry("skip_connect", 1),
                new DartsGenotype.Entry("sep_conv_5x5", 1), new DartsGenotype.Entry("max_pool_3x3", 2),
                new DartsGenotype.Entry("dil_conv_5x5", 2), new DartsGenotype.Entry("sep_conv_3x3", 3),
                new DartsGenotype.Entry("sep_conv_5x5", 4), new DartsGenotype.Entry("skip_connect", 3)),
                g.normal(), "entries per node, the stronger edge first");
        assertEquals(List.of(2, 3, 4, 5), g.normalConcat());
        assertEquals(List.of(2, 3, 4, 5), g.reduceConcat());
    }

    @Test
    void allEqualAlphaKeepsTheFirstTwoEdgesWithTheFirstNonNoneOp() {
        float[][] equal = new float[14][8];
        DartsGenotype g = derive(equal, equal);
        for (List<DartsGenotype.Entry> entries : List.of(g.normal(), g.reduce())) {
            for (int k = 0; k < 8; k++) {
                assertEquals(new DartsGenotype.Entry("max_pool_3x3", k % 2), entries.get(k), "entry " + k);
            }
        }
    }

    @Test
    void noneDominatingEveryEdgeIsNeverChosen() {
        float[][] alpha = new float[14][];
        for (int e = 0; e < 14; e++) {
            alpha[e] = row(NONE, 10f);
            alpha[e][DIL3] = 0.1f * (e + 1); // the later edges are a little stronger among the rest
        }
        DartsGenotype g = derive(alpha, alpha);
        for (DartsGenotype.Entry entry : g.normal()) {
            assertEquals("dil_conv_3x3", entry.op());
        }
        // node 2 (edges 0, 1): 1 then 0; node 3 (edges 2..4): 2 then 1; ...
        assertEquals(List.of(1, 0, 2, 1, 3, 2, 4, 3), g.normal().stream().map(DartsGenotype.Entry::input).toList());
    }

    @Test
    void edgeStrengthIsTheSoftmaxWeightNotTheRawAlpha() {
        float[][] alpha = new float[14][8];
        // node 3 reads edges 2, 3, 4. Edge 2: the largest raw α (3 on sep3), but every other op is
        // nearly as large, so its softmax weight is only e^3 / (e^3 + 7 e^2.9) = 0.136
        alpha[2] = new float[] {2.9f, 2.9f, 2.9f, 2.9f, 3f, 2.9f, 2.9f, 2.9f};
        alpha[3] = row(SKIP, 1f);       // raw 1, softmax e / (e + 7) = 0.28
        alpha[4] = row(DIL5, 0.5f);     // raw 0.5, softmax 0.19
        DartsGenotype g = derive(alpha, new float[14][8]);
        // edge 2 is weaker than edges 3 and 4 despite its larger raw α
        assertEquals(List.of(new DartsGenotype.Entry("skip_connect", 1), new DartsGenotype.Entry("dil_conv_5x5", 2)),
                g.normal().subList(2, 4));
    }

    @Test
    void s1DerivesWithEachEdgesOwnOps() {
        float[][] normal = new float[14][2];
        float[][] reduce = new float[14][2];
        for (int e = 0; e < 14; e++) {
            normal[e][1] = 1f; // the second op of every pair
            reduce[e][0] = 1f; // the first
        }
        DartsGenotype g = RobustDartsSpaces.s1().derive(List.of(normal, reduce));
        // node 2 of normal: edges 0 (skip, dil3) and 1 (skip, dil5)
        assertEquals(new DartsGenotype.Entry("dil_conv_3x3", 0), g.normal().get(0));
        assertEquals(new DartsGenotype.Entry("dil_conv_5x5", 1), g.normal().get(1));
        // node 2 of reduce: edges 0 (max, avg), 1 (max, dil3)
        assertEquals(new DartsGenotype.Entry("max_pool_3x3", 0), g.reduce().get(0));
        assertEquals(new DartsGenotype.Entry("max_pool_3x3", 1), g.reduce().get(1));
    }

    @Test
    void s3NeverPicksNoneAndS4MayPickNoise() {
        float[][] s3 = new float[14][];
        for (int e = 0; e < 14; e++) {
            s3[e] = new float[] {5f, 0f, 0.5f};
        }
        DartsGenotype g3 = RobustDartsSpaces.s3().derive(List.of(s3, s3));
        assertTrue(g3.normal().stream().allMatch(x -> x.op().equals("sep_conv_3x3")));

        float[][] s4 = new float[14][];
        for (int e = 0; e < 14; e++) {
            s4[e] = new float[] {1f, 0f};
        }
        DartsGenotype g4 = RobustDartsSpaces.s4().derive(List.of(s4, s4));
        assertTrue(g4.reduce().stream().allMatch(x -> x.op().equals("noise")));
        assertEquals(g4, DartsGenotype.parse(g4.text()));
    }

    @Test
    void uniformSpacesShareOneOpListAcrossEdges() {
        assertEquals(Collections.nCopies(14, DartsOps.DARTS_8OP), DartsSpace.darts8op().alphas().get(1).edgeOps());
    }
}
