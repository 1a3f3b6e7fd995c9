package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.regularize.BetaDecay;
import org.betadarts.regularize.LambdaSchedule;
import org.betadarts.regularize.NoRegularizer;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.darts.DartsSpace;
import org.junit.jupiter.api.Test;

/** Both α gradients on a tiny DARTS supernet: what they leave behind, and the regularizer's share. */
class AlphaGradientTest {
    private static final float LR = 0.025f;

    /** A tiny DARTS supernet (C=2, 3 cells) on 8x8 one-channel images, batches of 4. */
    private static StepFixture fixture() {
        return new StepFixture(DataType.FLOAT32, p -> DartsSpace.darts().supernet(p, new NetworkShape(1, 3, 2, 3)),
                DartsSpace.darts().alphas(), new Shape(4, 1, 8, 8), 0.1, LR);
    }

    private static void assertSameArrays(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, what + " " + i);
        }
    }

    @Test
    void secondOrderPutsTheWeightsBackAndLeavesNoGradientAnywhere() {
        try (StepFixture used = fixture(); StepFixture fresh = fixture()) {
            List<float[]> weightsBefore = used.weightValues();
            List<float[]> buffersBefore = used.sgd.buffers().stream().map(NDArray::toFloatArray).toList();
            used.compute(used.gradient(Architect.SECOND, new NoRegularizer()));
            assertSameArrays(weightsBefore, used.weightValues(), "weights, bit for bit");
            assertSameArrays(buffersBefore, used.sgd.buffers().stream().map(NDArray::toFloatArray).toList(),
                    "momentum buffers");
            // nothing accumulated: the next gradients equal those of an untouched twin
            assertArrayEquals(fresh.compute(fresh.gradient(Architect.FIRST, new NoRegularizer())),
                    used.compute(used.gradient(Architect.FIRST, new NoRegularizer())), 0f, "alpha gradient");
            assertSameArrays(fresh.weightGradients(), used.weightGradients(), "weight gradients");
        }
    }

    @Test
    void betaDecayAddsSoftmaxOverAllEdgesToEveryRowOfBothTensorsInBothOrders() {
        double lambda = 28;
        for (String order : List.of(Architect.FIRST, Architect.SECOND)) {
            try (StepFixture plain = fixture(); StepFixture beta = fixture()) {
                float[] g0 = plain.compute(plain.gradient(order, new NoRegularizer()));
                float[] g1 = beta.compute(beta.gradient(order, new BetaDecay(LambdaSchedule.constant(lambda))));
                List<double[][]> softmax = AlphaStats.softmax(beta.alpha.matrices());
                assertEquals(2, softmax.size());
                int k = 0;
                for (double[][] tensor : softmax) {
                    assertEquals(14, tensor.length);
                    for (double[] row : tensor) {
                        for (double p : row) {
                            double expected = lambda * p / 28;
                            assertEquals(expected, g1[k] - g0[k], 1e-5 + 1e-5 * Math.abs(g0[k]),
                                    order + " order, entry " + k);
                            k++;
                        }
                    }
                }
                assertEquals(2 * 14 * 7, k, "two tensors of 14 edges by 7 ops");
            }
        }
    }
}
