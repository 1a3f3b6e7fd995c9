package org.betadarts.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.betadarts.nn.TestDevice;
import org.betadarts.regularize.BetaDecay;
import org.betadarts.search.ArchParams;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;
import org.junit.jupiter.api.Test;

/** {@code --space darts}: the DARTS space as β-DARTS searches it (its space s5), seven ops, no {@code none}. */
class SevenOpDartsSpaceTest {
    private static final List<String> S5 = List.of("max_pool_3x3", "avg_pool_3x3", "skip_connect",
            "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");

    @Test
    void everyEdgeOffersTheSevenOpsInTheOfficialOrder() {
        assertEquals(S5, DartsOps.DARTS_7OP);
        List<AlphaSpec> alphas = Spaces.byName("darts").alphas();
        assertEquals(List.of("normal", "reduce"), alphas.stream().map(AlphaSpec::name).toList());
        for (AlphaSpec a : alphas) {
            assertEquals(14, a.edges());
            for (int e = 0; e < 14; e++) {
                assertEquals(S5, a.ops(e), a.name() + " edge " + e);
            }
        }
    }

    /** Logsumexp of a row of zeros: ln(ops); softmax: 1/ops each. */
    @Test
    void alphaIsTwoFourteenBySevenTensorsAndSoftmaxAndBetaDecayRunOverSevenOps() {
        assertOverOps(Spaces.byName("darts"), 7);
        assertOverOps(Spaces.byName("darts-8op"), 8);
    }

    private static void assertOverOps(SearchSpace space, int ops) {
        try (NDManager m = TestDevice.manager()) {
            ArchParams alpha = new ArchParams(space.alphas(), m, 0, 1e-3);
            Arrays.fill(alpha.values(), 0f);
            alpha.upload();
            assertEquals(2, alpha.tensors().size());
            for (NDArray t : alpha.tensors()) {
                assertEquals(new Shape(14, ops), t.getShape(), space.name());
            }
            for (NDArray w : alpha.opWeights()) {
                for (float v : w.toFloatArray()) {
                    assertEquals(1.0 / ops, v, 1e-6, space.name());
                }
            }
            assertEquals(Math.log(ops), BetaDecay.term(alpha.tensors()).getFloat(), 1e-6, space.name());
        }
    }

    /** An α row with {@code value} at {@code op} and 0 elsewhere. */
    private static float[] row(String op, float value) {
        float[] r = new float[S5.size()];
        r[S5.indexOf(op)] = value;
        return r;
    }

    /**
     * Edge strengths (softmax weight of the best op): node 2: edge 0 e²/(e²+6) = 0.55 > edge 1 e/(e+6) =
     * 0.31; node 3: edge 3 0.77 > edge 4 0.31 > edge 2 0.22; node 4: edge 6 0.9993 > edge 7 0.55 >
     * edge 8 0.43 > edge 5 1/7; node 5: edge 12 0.96 > edge 10 0.90 > edges 9 and 11 0.31 > edge 13 0.22.
     * Pools and skip count like any op: nothing is left out.
     */
    private static final float[][] NORMAL = {
        row("max_pool_3x3", 2f), row("skip_connect", 1f),
        row("dil_conv_5x5", 0.5f), row("sep_conv_5x5", 3f), row("avg_pool_3x3", 1f),
        new float[7], row("sep_conv_3x3", 9f), row("dil_conv_3x3", 2f), row("avg_pool_3x3", 1.5f),
        row("skip_connect", 1f), row("max_pool_3x3", 4f), row("sep_conv_3x3", 1f), row("dil_conv_5x5", 5f),
        row("sep_conv_5x5", 0.5f)};

    @Test
    void derivationTakesTheBestOfAllSevenOps() {
        DartsGenotype g = DartsSpace.darts().derive(List.of(NORMAL, new float[14][7]));
        assertEquals(List.of(
                new DartsGenotype.Entry("max_pool_3x3", 0), new DartsGenotype.Entry("skip_connect", 1),
                new DartsGenotype.Entry("sep_conv_5x5", 1), new DartsGenotype.Entry("avg_pool_3x3", 2),
                new DartsGenotype.Entry("sep_conv_3x3", 1), new DartsGenotype.Entry("dil_conv_3x3", 2),
                new DartsGenotype.Entry("dil_conv_5x5", 3), new DartsGenotype.Entry("max_pool_3x3", 1)),
                g.normal(), "per node the stronger edge first");
        for (int k = 0; k < 8; k++) {
            assertEquals(new DartsGenotype.Entry("max_pool_3x3", k % 2), g.reduce().get(k), "equal α, entry " + k);
        }
    }

    /** The 8-op space with a {@code none} that gets no weight derives the same cell. */
    @Test
    void derivationAgreesWithThe8OpSpaceWhenNoneIsNegligible() {
        float[][] withNone = new float[14][];
        for (int e = 0; e < 14; e++) {
            withNone[e] = new float[8];
            withNone[e][0] = -100f;
            System.arraycopy(NORMAL[e], 0, withNone[e], 1, 7);
        }
        assertEquals(DartsSpace.darts8op().derive(List.of(withNone, withNone)),
                DartsSpace.darts().derive(List.of(NORMAL, NORMAL)));
    }
}
