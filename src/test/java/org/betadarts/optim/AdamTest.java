package org.betadarts.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamTest {
    /**
     * PyTorch's Adam in double: g += wd w; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
     */
    static final class Reference {
        final double lr;
        final double b1;
        final double b2;
        final double eps;
        final double wd;
        final double[] m;
        final double[] v;
        int t;

        Reference(int n, double lr, double b1, double b2, double eps, double wd) {
            this.lr = lr;
            this.b1 = b1;
            this.b2 = b2;
            this.eps = eps;
            this.wd = wd;
            m = new double[n];
            v = new double[n];
        }

        void step(double[] w, float[] grad) {
            t++;
            for (int i = 0; i < w.length; i++) {
                double g = grad[i] + wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
    }

    private static void compare(float lr, float b1, float b2, float eps, float wd, double gradScale,
                                double tol, double relTol) {
        int n = 30;
        SplittableRandom r = new SplittableRandom(99);
        float[] w = new float[n];
        double[] rw = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (1e-3 * r.nextGaussian());
            rw[i] = w[i];
        }
        Adam adam = new Adam(n, lr, b1, b2, eps, wd);
        Reference ref = new Reference(n, lr, b1, b2, eps, wd);
        for (int s = 1; s <= 12; s++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) (gradScale * r.nextGaussian());
            }
            adam.step(w, g);
            ref.step(rw, g);
            assertEquals(s, adam.steps());
            for (int i = 0; i < n; i++) {
                assertEquals(rw[i], w[i], tol + relTol * Math.abs(rw[i]), "step " + s + " w[" + i + "]");
                assertEquals(ref.m[i], adam.firstMoment()[i], 1e-6 * (1 + Math.abs(ref.m[i])), "m[" + i + "]");
                assertEquals(ref.v[i], adam.secondMoment()[i], 1e-6 * (1 + Math.abs(ref.v[i])), "v[" + i + "]");
            }
        }
    }

    @Test
    void referenceArchitectureSettings() {
        // lr 3e-4, betas (0.5, 0.999), weight decay 1e-3, eps 1e-8
        compare(3e-4f, 0.5f, 0.999f, 1e-8f, 1e-3f, 0.1, 1e-6, 0);
    }

    @Test
    void largeSteps() {
        // a large lr and weight decay, and an eps large enough that where it is added matters
        compare(0.05f, 0.9f, 0.99f, 1e-2f, 0.1f, 0.05, 1e-6, 1e-5);
    }

    @Test
    void firstStepByHand() {
        // first step: m_hat = g, v_hat = g^2, so w moves by lr * g / (|g| + eps) = lr * sign(g) for eps << |g|
        float[] w = {1f, -2f, 0f};
        Adam adam = new Adam(3, 0.01f, 0.5f, 0.999f, 1e-8f, 0f);
        adam.step(w, new float[] {0.3f, -5f, 2f});
        assertEquals(0.99f, w[0], 1e-6f);
        assertEquals(-1.99f, w[1], 1e-6f);
        assertEquals(-0.01f, w[2], 1e-6f);
        // with weight decay 0.5 on w = 1 and grad 0: g = 0.5, the same unit step
        float[] x = {1f};
        new Adam(1, 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f).step(x, new float[] {0f});
        assertEquals(0.9f, x[0], 1e-6f);
    }
}
