package org.betadarts.nn;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/** How a parameter starts: PyTorch's defaults, drawn from the store's seeded generator. */
@FunctionalInterface
public interface Init {
    float[] values(Shape shape, SplittableRandom random);

    /** A constant. */
    static Init constant(float value) {
        return (shape, random) -> {
            float[] v = new float[Math.toIntExact(shape.size())];
            Arrays.fill(v, value);
            return v;
        };
    }

    /** Uniform in [-bound, bound]. */
    static Init uniform(double bound) {
        return (shape, random) -> {
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            return v;
        };
    }

    /**
     * PyTorch's default for convolution and linear weights and biases (Kaiming-uniform with
     * a = sqrt(5)): uniform in ±1/sqrt(fanIn).
     */
    static Init fanIn(long fanIn) {
        return uniform(1.0 / Math.sqrt(fanIn));
    }

    /** scale · N(0, 1), as used for architecture parameters. */
    static Init normal(double scale) {
        return (shape, random) -> {
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (scale * gaussian(random));
            }
            return v;
        };
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
