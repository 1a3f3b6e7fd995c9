package org.betadarts.search;

import java.util.SplittableRandom;

/**
 * The dominant eigenvalue of a Hessian known only through its gradient: power iteration on
 * finite-difference Hessian-vector products {@code Hv ≈ (g(x + εv) − g(x − εv)) / 2ε}, two gradient
 * evaluations per product and no second derivatives. "Dominant" is the eigenvalue of largest
 * magnitude, returned with its sign (the Rayleigh quotient vᵀHv of the last unit vector).
 */
public final class HessianEigen {
    /** A function's gradient at a point. */
    @FunctionalInterface
    public interface Gradient {
        float[] at(float[] x);
    }

    private HessianEigen() {}

    /** The finite-difference product of the Hessian at {@code x} with {@code v}. */
    public static double[] product(Gradient gradient, float[] x, double[] v, double eps) {
        float[] plus = new float[x.length];
        float[] minus = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            plus[i] = (float) (x[i] + eps * v[i]);
            minus[i] = (float) (x[i] - eps * v[i]);
        }
        float[] gPlus = gradient.at(plus);
        float[] gMinus = gradient.at(minus);
        double[] hv = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            hv[i] = ((double) gPlus[i] - gMinus[i]) / (2 * eps);
        }
        return hv;
    }

    /**
     * @param iterations power-iteration steps (each one Hessian-vector product)
     * @param eps the finite-difference step along the unit vector
     * @param seed start vector: a seeded random direction
     */
    public static double dominant(Gradient gradient, float[] x, int iterations, double eps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[x.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        normalize(v);
        double eigenvalue = 0;
        for (int k = 0; k < iterations; k++) {
            double[] hv = product(gradient, x, v, eps);
            eigenvalue = dot(v, hv);
            if (normalize(hv) == 0) {
                return 0;
            }
            v = hv;
        }
        return eigenvalue;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Scales v to unit length in place; returns its former length. */
    private static double normalize(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }
}
