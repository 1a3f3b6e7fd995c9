package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixedOpTest {
    private static final float[] X = {-2f, -0.5f, 0f, 1f, 1.5f, 3f};
    private static final Shape SHAPE = new Shape(1, 1, 2, 3);

    private static List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        list.add(Candidate.onValue((x, t) -> x.mul(2)));  // 2x
        list.add(null);                                    // zero
        list.add(Candidate.onRelu(Layers.IDENTITY));       // relu(x)
        list.add(Candidate.onValue((x, t) -> x.square())); // x^2
        return list;
    }

    private static double op(int i, float x) {
        return switch (i) {
            case 0 -> 2 * x;
            case 1 -> 0;
            case 2 -> Math.max(x, 0);
            case 3 -> x * x;
            default -> throw new IllegalArgumentException();
        };
    }

    @Test
    void weightedSumOfCandidatesWithZeroContributingNothing() {
        float[] w = {0.1f, 5f, 0.3f, 0.6f};
        try (NDManager m = TestDevice.manager()) {
            MixedOp mixed = new MixedOp(candidates());
            assertEquals(4, mixed.size());
            NDArray out = mixed.forward(new Feature(m.create(X, SHAPE)), m.create(w), false);
            assertEquals(SHAPE, out.getShape());
            float[] got = out.toFloatArray();
            for (int k = 0; k < X.length; k++) {
                double expected = 0;
                for (int i = 0; i < 4; i++) {
                    expected += w[i] * op(i, X[k]);
                }
                assertEquals(expected, got[k], 1e-5, "element " + k);
            }
        }
    }

    @Test
    void weightGradientIsTheCandidateOutputSumAndZeroForTheZeroOp() {
        try (NDManager m = TestDevice.manager()) {
            NDArray w = m.create(new float[] {0.25f, 0.25f, 0.25f, 0.25f});
            w.setRequiresGradient(true);
            NDArray x = m.create(X, SHAPE);
            MixedOp mixed = new MixedOp(candidates());
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                c.backward(mixed.forward(new Feature(x), w, true).sum());
            }
            float[] grad = w.getGradient().toFloatArray();
            for (int i = 0; i < 4; i++) {
                double expected = 0;
                for (float v : X) {
                    expected += op(i, v);
                }
                assertEquals(expected, grad[i], 1e-5, "d/dw" + i);
            }
        }
    }

    @Test
    void onlyZeroCandidatesGiveNull() {
        try (NDManager m = TestDevice.manager()) {
            MixedOp mixed = new MixedOp(Arrays.asList(null, null));
            assertNull(mixed.forward(new Feature(m.create(X, SHAPE)), m.create(new float[] {0.5f, 0.5f}), false));
        }
    }

    @Test
    void featureComputesItsReluOnce() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.create(X, SHAPE);
            Feature f = new Feature(x);
            assertSame(x, f.value());
            NDArray r1 = f.relu();
            assertSame(r1, f.relu());
            float[] expected = new float[X.length];
            for (int k = 0; k < X.length; k++) {
                expected[k] = Math.max(X[k], 0);
            }
            assertArrayEquals(expected, r1.toFloatArray(), 0);
            assertArrayEquals(X, x.toFloatArray(), 0, "the input is not changed in place");

            // candidates reading the ReLU of the same node all see the same tensor
            List<NDArray> seen = new ArrayList<>();
            Module record = (in, t) -> {
                seen.add(in);
                return in;
            };
            MixedOp mixed = new MixedOp(List.of(Candidate.onRelu(record), Candidate.onRelu(record)));
            Feature g = new Feature(x);
            mixed.forward(g, m.create(new float[] {1, 1}), false);
            assertEquals(2, seen.size());
            assertSame(seen.get(0), seen.get(1));
            assertSame(g.relu(), seen.get(0));
        }
    }

    @Test
    void aLastExtraWeightAddsTheAuxiliarySkipOutsideTheCandidates() {
        float[] w = {0.1f, 5f, 0.3f, 0.6f, 0.75f};
        try (NDManager m = TestDevice.manager()) {
            float[] identity = new MixedOp(candidates()).forward(new Feature(m.create(X, SHAPE)), m.create(w), false)
                    .toFloatArray();
            float[] tripled = new MixedOp(candidates(), Candidate.onValue((x, t) -> x.mul(3)))
                    .forward(new Feature(m.create(X, SHAPE)), m.create(w), false).toFloatArray();
            for (int k = 0; k < X.length; k++) {
                double sum = 0;
                for (int i = 0; i < 4; i++) {
                    sum += w[i] * op(i, X[k]);
                }
                assertEquals(sum + 0.75 * X[k], identity[k], 1e-5, "identity skip, element " + k);
                assertEquals(sum + 0.75 * 3 * X[k], tripled[k], 1e-5, "given skip, element " + k);
            }
            MixedOp zeros = new MixedOp(Arrays.asList(null, null));
            assertArrayEquals(new float[] {-1f, -0.25f, 0f, 0.5f, 0.75f, 1.5f},
                    zeros.forward(new Feature(m.create(X, SHAPE)), m.create(new float[] {0.3f, 0.3f, 0.5f}), false)
                            .toFloatArray(), 1e-6f, "only the skip contributes");
        }
    }

    @Test
    void theSkipWeightGetsTheSkipOutputAsGradientAndWrongRowLengthsFail() {
        try (NDManager m = TestDevice.manager()) {
            NDArray w = m.create(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 1f});
            w.setRequiresGradient(true);
            MixedOp mixed = new MixedOp(candidates());
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                c.backward(mixed.forward(new Feature(m.create(X, SHAPE)), w, true).sum());
            }
            double sumX = 0;
            for (float v : X) {
                sumX += v;
            }
            assertEquals(sumX, w.getGradient().toFloatArray()[4], 1e-5);
            assertThrows(IllegalArgumentException.class,
                    () -> mixed.forward(new Feature(m.create(X, SHAPE)), m.create(new float[6]), false));
            assertThrows(IllegalArgumentException.class,
                    () -> mixed.forward(new Feature(m.create(X, SHAPE)), m.create(new float[3]), false));
        }
    }

    @Test
    void anAuxiliaryWeightWithoutASkipPathIsRefused() {
        try (NDManager m = TestDevice.manager()) {
            MixedOp op = new MixedOp(List.of(Candidate.onValue(Layers.IDENTITY)), null);
            Feature in = new Feature(m.ones(new Shape(1, 1, 2, 2)));
            org.betadarts.io.UserError e = assertThrows(org.betadarts.io.UserError.class,
                    () -> op.forward(in, m.create(new float[] {1, 0.5f}), false));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("darts-minus"), e.getMessage());
        }
    }
}
