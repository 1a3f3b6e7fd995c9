package org.betadarts.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class GradClipTest {
    // joint norm sqrt(3^2 + 4^2 + 12^2) = 13
    private static final float[] GA = {3f, 0f, 0f, -4f};
    private static final float[] GB = {0f, 12f, 0f};

    private static List<NDArray> params(NDManager m) {
        NDArray a = m.zeros(new Shape(2, 2));
        NDArray b = m.zeros(new Shape(3));
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
        SgdTest.setGradients(m, a, GA, b, GB);
        return List.of(a, b);
    }

    private static float[] scaled(float[] g, double k) {
        float[] y = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            y[i] = (float) (g[i] * k);
        }
        return y;
    }

    @Test
    void scalesWhenTheNormIsAboveTheMaximum() {
        try (NDManager m = TestDevice.manager()) {
            List<NDArray> p = params(m);
            assertEquals(13.0, GradClip.clip(p, 5), 1e-5);
            double k = 5 / (13 + 1e-6);
            assertArrayEquals(scaled(GA, k), p.get(0).getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(scaled(GB, k), p.get(1).getGradient().toFloatArray(), 1e-6f);
            // the clipped gradients now have norm 5: a second clip leaves them (almost) alone and reports 5
            assertEquals(5.0, GradClip.clip(p, 5), 1e-5);
        }
    }

    @Test
    void leavesGradientsBelowTheMaximum() {
        try (NDManager m = TestDevice.manager()) {
            List<NDArray> p = params(m);
            assertEquals(13.0, GradClip.clip(p, 20), 1e-5);
            assertArrayEquals(GA, p.get(0).getGradient().toFloatArray(), 0f);
            assertArrayEquals(GB, p.get(1).getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void countedTensorsJoinTheNormButKeepTheirGradients() {
        try (NDManager m = TestDevice.manager()) {
            List<NDArray> p = params(m);
            NDArray extra = m.zeros(new Shape(1));
            extra.setRequiresGradient(true);
            // the op weights' gradient 84: joint norm sqrt(13^2 + 84^2) = 85
            NDArray unused = m.zeros(new Shape(1));
            unused.setRequiresGradient(true);
            SgdTest.setGradients(m, extra, new float[] {84f}, unused, new float[] {0f});
            assertEquals(85.0, GradClip.clip(p, List.of(extra), 5), 1e-4);
            double k = 5 / (85 + 1e-6);
            assertArrayEquals(scaled(GA, k), p.get(0).getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(scaled(GB, k), p.get(1).getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {84f}, extra.getGradient().toFloatArray(), 0f);
        }
    }
}
