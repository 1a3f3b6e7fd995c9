package org.betadarts.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class SgdTest {
    private static final float[] W0 = {0.5f, -1.0f, 2.0f, 0.0f, -0.25f, 1.5f};
    private static final float[] V0 = {1f, -2f, 0.5f};
    private static final float[][] GRADS_W = {
        {1f, 2f, -1f, 0.5f, -0.5f, 3f},
        {-1f, 0.25f, 4f, 1f, 0f, -2f},
        {0.5f, -3f, 1f, -1f, 2f, 0.75f},
    };
    private static final float[][] GRADS_V = {{2f, 0f, -1f}, {0.5f, 1f, 1f}, {-4f, 2f, 0.1f}};
    private static final float[] LR = {0.1f, 0.05f, 0.02f};

    /** PyTorch's SGD step in double: g = grad + wd w; buf = mu buf + g; g = nesterov ? g + mu buf : buf. */
    static void referenceStep(double[] w, double[] buf, float[] grad, double lr, double mu, double wd,
                              boolean nesterov) {
        for (int i = 0; i < w.length; i++) {
            double g = grad[i] + wd * w[i];
            if (mu != 0) {
                buf[i] = mu * buf[i] + g;
                g = nesterov ? g + mu * buf[i] : buf[i];
            }
            w[i] -= lr * g;
        }
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
        }
    }

    /** Runs backward on sum(w * cw) + sum(v * cv), so that grad w = cw and grad v = cv. */
    static void setGradients(NDManager m, NDArray w, float[] cw, NDArray v, float[] cv) {
        try (GradientCollector c = m.getEngine().newGradientCollector()) {
            NDArray loss = w.mul(m.create(cw, w.getShape())).sum().add(v.mul(m.create(cv, v.getShape())).sum());
            c.backward(loss);
        }
    }

    private void checkAgainstReference(float mu, float wd, boolean nesterov) {
        try (NDManager m = TestDevice.manager()) {
            NDArray w = m.create(W0, new Shape(2, 3));
            NDArray v = m.create(V0);
            w.setRequiresGradient(true);
            v.setRequiresGradient(true);
            Sgd sgd = new Sgd(List.of(w, v), mu, wd, nesterov);
            double[] rw = toDouble(W0);
            double[] rv = toDouble(V0);
            double[] bw = new double[rw.length];
            double[] bv = new double[rv.length];
            for (int s = 0; s < 3; s++) {
                setGradients(m, w, GRADS_W[s], v, GRADS_V[s]);
                assertArrayEquals(GRADS_W[s], w.getGradient().toFloatArray(), 0f,
                        "the gradient holds only this step's value");
                sgd.step(LR[s]);
                referenceStep(rw, bw, GRADS_W[s], LR[s], mu, wd, nesterov);
                referenceStep(rv, bv, GRADS_V[s], LR[s], mu, wd, nesterov);
                String what = "step " + (s + 1) + " mu " + mu + " wd " + wd + " nesterov " + nesterov;
                assertClose(rw, w.toFloatArray(), 1e-6, what + " w");
                assertClose(rv, v.toFloatArray(), 1e-6, what + " v");
                if (mu != 0) {
                    assertClose(bw, sgd.buffers().get(0).toFloatArray(), 1e-6, what + " buffer w");
                    assertClose(bv, sgd.buffers().get(1).toFloatArray(), 1e-6, what + " buffer v");
                }
                assertArrayEquals(new float[6], w.getGradient().toFloatArray(), 0f, "gradient zeroed after step");
                assertArrayEquals(new float[3], v.getGradient().toFloatArray(), 0f, "gradient zeroed after step");
            }
        }
    }

    @Test
    void momentumAndWeightDecayAsPyTorchWithChangingLearningRate() {
        checkAgainstReference(0.9f, 3e-4f, false);
    }

    @Test
    void nesterov() {
        checkAgainstReference(0.9f, 3e-4f, true);
    }

    @Test
    void plainAndWithoutWeightDecay() {
        checkAgainstReference(0f, 0f, false);
        checkAgainstReference(0.9f, 0f, false);
        checkAgainstReference(0f, 0.1f, false);
    }

    @Test
    void twoStepsByHand() {
        // w = 1, grad 1 twice, mu 0.9, no decay: buf 1 then 1.9; w = 1 - 0.1*1 - 0.01*1.9 = 0.881
        try (NDManager m = TestDevice.manager()) {
            NDArray w = m.create(new float[] {1f});
            NDArray unused = m.create(new float[] {0f});
            w.setRequiresGradient(true);
            unused.setRequiresGradient(true);
            Sgd sgd = new Sgd(List.of(w), 0.9f, 0f, false);
            setGradients(m, w, new float[] {1f}, unused, new float[] {0f});
            sgd.step(0.1f);
            assertEquals(0.9f, w.getFloat(), 1e-7f);
            setGradients(m, w, new float[] {1f}, unused, new float[] {0f});
            sgd.step(0.01f);
            assertEquals(0.881f, w.getFloat(), 1e-7f);
            assertEquals(1.9f, sgd.buffers().get(0).getFloat(), 1e-7f);
        }
    }

    @Test
    void lookaheadMovesTheWeightsOneMomentumStepAndLeavesTheBuffers() {
        try (NDManager m = TestDevice.manager()) {
            NDArray w = m.create(W0, new Shape(2, 3));
            NDArray v = m.create(V0);
            w.setRequiresGradient(true);
            v.setRequiresGradient(true);
            Sgd sgd = new Sgd(List.of(w, v), 0.9f, 0.01f, false);
            setGradients(m, w, GRADS_W[0], v, GRADS_V[0]);
            sgd.step(0.1f); // fills the buffers: buf = g0 + wd w0
            float[] bufW = sgd.buffers().get(0).toFloatArray();
            float[] before = w.toFloatArray();
            setGradients(m, w, GRADS_W[1], v, GRADS_V[1]);
            sgd.lookahead(0.05f);
            double[] expected = new double[before.length];
            for (int i = 0; i < before.length; i++) {
                expected[i] = before[i] - 0.05 * (0.9 * bufW[i] + GRADS_W[1][i] + 0.01 * before[i]);
            }
            assertClose(expected, w.toFloatArray(), 1e-6, "w'");
            assertArrayEquals(bufW, sgd.buffers().get(0).toFloatArray(), 0f, "buffers unchanged");
            assertArrayEquals(new float[6], w.getGradient().toFloatArray(), 0f, "gradient zeroed");
        }
    }
}
