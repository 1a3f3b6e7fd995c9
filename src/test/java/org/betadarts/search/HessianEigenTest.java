package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class HessianEigenTest {
    /** The gradient A x of the quadratic ½ xᵀ A x. */
    private static HessianEigen.Gradient quadratic(double[][] a) {
        return x -> {
            float[] g = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    s += a[i][j] * x[j];
                }
                g[i] = (float) s;
            }
            return g;
        };
    }

    /** Q diag(d) Qᵀ with Q the Householder reflection I − 2uuᵀ/uᵀu: a symmetric matrix with eigenvalues d. */
    private static double[][] withEigenvalues(double[] d, double[] u) {
        int n = d.length;
        double uu = 0;
        for (double v : u) {
            uu += v * v;
        }
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += q[i][k] * d[k] * q[j][k];
                }
            }
        }
        return a;
    }

    @Test
    void productOfAQuadraticIsExact() {
        double[][] a = {{2, 1}, {1, 3}};
        double[] hv = HessianEigen.product(quadratic(a), new float[] {0.3f, -0.2f}, new double[] {1, -1}, 1e-2);
        assertArrayEquals(new double[] {1, -2}, hv, 1e-4);
    }

    @Test
    void dominantEigenvalueOfKnownMatrices() {
        double[][] a = withEigenvalues(new double[] {5, 2, -1, 0.5}, new double[] {1, 2, -1, 0.5});
        float[] x = {0.1f, -0.2f, 0.05f, 0f};
        assertEquals(5.0, HessianEigen.dominant(quadratic(a), x, 40, 1e-2, 3), 1e-3);
        double[][] negative = withEigenvalues(new double[] {-3, 1, 2}, new double[] {0.3, -1, 2});
        assertEquals(-3.0, HessianEigen.dominant(quadratic(negative), new float[3], 60, 1e-2, 1), 1e-3,
                "the largest in magnitude, with its sign");
        assertEquals(0.0, HessianEigen.dominant(x0 -> new float[2], new float[2], 5, 1e-2, 0), 0, "flat function");
    }

    @Test
    void dominantEigenvalueOfATinyLossThroughAutograd() {
        // L(α) = ½ Σ d_i α_i² + c α_0 α_1 on a 2 x 3 tensor: Hessian diag(d) plus c off the diagonal at (0,1).
        // Its eigenvalues: d_2..d_5 and those of [[3, 2], [2, 1]], 2 ± √5; the largest is 2 + √5.
        float[] d = {3, 1, 2.5f, 0.5f, 1, 2};
        float c = 2;
        try (NDManager m = TestDevice.manager()) {
            NDArray dd = m.create(d, new Shape(2, 3));
            HessianEigen.Gradient gradient = x -> {
                NDArray alpha = m.create(x, new Shape(2, 3));
                alpha.setRequiresGradient(true);
                try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                    NDArray flat = alpha.reshape(6);
                    NDArray loss = alpha.square().mul(dd).sum().mul(0.5f).add(flat.get(0).mul(flat.get(1)).mul(c));
                    collector.backward(loss);
                }
                return alpha.getGradient().toFloatArray();
            };
            double expected = 2 + Math.sqrt(5);
            assertEquals(expected, HessianEigen.dominant(gradient, new float[] {0.01f, -0.02f, 0, 0.03f, 0, 0.01f},
                    30, 1e-2, 0), 1e-3);
        }
    }
}
