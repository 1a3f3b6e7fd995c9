package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.betadarts.method.PcDarts;
import org.betadarts.nn.Losses;
import org.betadarts.nn.NoGrad;
import org.betadarts.regularize.BetaDecay;
import org.betadarts.regularize.LambdaSchedule;
import org.betadarts.regularize.NoRegularizer;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

/** PC-DARTS' α pass on a tiny NAS-Bench-201 supernet (C=4, one cell per stage), in float. */
class MethodGradientTest {
    private static final Nb201Space SPACE = new Nb201Space();

    private static StepFixture fixture() {
        PcDarts pc = new PcDarts(SPACE.alphas(), SPACE.edgesPerNode());
        return new StepFixture(DataType.FLOAT32, p -> SPACE.supernet(p, new NetworkShape(1, 3, 4, 1), pc.mixing()),
                SPACE.alphas(), pc, new Shape(4, 1, 8, 8), 0.1, 0.025f);
    }

    /** The validation cross-entropy at the current values, in training mode as the α pass runs. */
    private static double loss(StepFixture f) {
        f.alpha.upload();
        try (NDScope scope = new NDScope(); NoGrad off = new NoGrad()) {
            NDArray logits = f.net.forward(f.batches.validImages(), f.alpha.opWeights(), true);
            return Losses.crossEntropy(logits, f.batches.validTargets()).toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /**
     * The gradient of the edge parameters (and of some α) matches central differences of the loss; node
     * 1's single edge has weight softmax(b) = 1 whatever b, so its gradient is 0.
     */
    @Test
    void edgeParametersAndAlphaGetTheGradientOfTheLoss() {
        try (StepFixture f = fixture()) {
            float[] g = f.compute(f.gradient(Architect.FIRST, new NoRegularizer()));
            float[] v = f.alpha.values();
            assertEquals(30 + 6, v.length, "6 x 5 α, then 6 edge parameters");
            assertEquals(0, g[30], 0, "node 1's one edge");
            for (int i : new int[] {0, 7, 13, 29, 31, 32, 33, 34, 35}) {
                float at = v[i];
                v[i] = at + 1e-2f;
                double plus = loss(f);
                float up = v[i];
                v[i] = at - 1e-2f;
                double minus = loss(f);
                double expected = (plus - minus) / (up - v[i]);
                v[i] = at;
                assertEquals(expected, g[i], 2e-4 + 2e-3 * Math.abs(expected), "value " + i);
            }
        }
    }

    /** β-Decay's share of the gradient is λ·softmax(α)/E on α and nothing on the edge parameters. */
    @Test
    void betaDecayActsOnAlphaAlone() {
        double lambda = 6;
        try (StepFixture plain = fixture(); StepFixture beta = fixture()) {
            float[] g0 = plain.compute(plain.gradient(Architect.FIRST, new NoRegularizer()));
            float[] g1 = beta.compute(beta.gradient(Architect.FIRST, new BetaDecay(LambdaSchedule.constant(lambda))));
            double[][] softmax = AlphaStats.softmax(plain.alpha.matrices()).get(0);
            for (int e = 0; e < 6; e++) {
                for (int o = 0; o < 5; o++) {
                    int k = e * 5 + o;
                    assertEquals(lambda * softmax[e][o] / 6, g1[k] - g0[k], 1e-6, "α[" + e + "][" + o + "]");
                }
            }
            for (int k = 30; k < 36; k++) {
                assertEquals(g0[k], g1[k], 1e-9, "edge parameter " + (k - 30));
            }
        }
    }
}
