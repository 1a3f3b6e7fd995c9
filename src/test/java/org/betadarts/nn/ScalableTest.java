package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Folding a scalar into a module's last operation computes the same function as multiplying its output. */
class ScalableTest {
    private static final float SCALE = 0.37f;

    /** Output, d(output·r)/dx and d(output·r)/dscale through forwardScaled, or through forward then mul. */
    private static float[][] route(NDManager m, Scalable module, NDArray x0, NDArray r, boolean folded) {
        NDArray x = x0.duplicate();
        x.setRequiresGradient(true);
        NDArray s = m.create(SCALE);
        s.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector c = m.getEngine().newGradientCollector()) {
            y = folded ? module.forwardScaled(x, s, true) : module.forward(x, true).mul(s);
            c.backward(y.mul(r).sum());
        }
        return new float[][] {y.toFloatArray(), x.getGradient().toFloatArray(), s.getGradient().toFloatArray()};
    }

    private static void assertSameFunction(NDManager m, Scalable module, Shape shape) {
        NDArray x = m.randomNormal(shape);
        // the same upstream gradient r for both routes
        NDArray r = m.randomNormal(module.forward(x, false).getShape());
        float[][] folded = route(m, module, x, r, true);
        float[][] plain = route(m, module, x, r, false);
        assertArrayEquals(plain[0], folded[0], 1e-5f, "output");
        assertArrayEquals(plain[1], folded[1], 1e-4f, "input gradient");
        assertArrayEquals(plain[2], folded[2], 1e-3f, "scale gradient");
        assertTrue(Math.abs(plain[2][0]) > 1e-3, "a gradient that tests something");
    }

    @Test
    void batchNormWithoutAndWithAffineParameters() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 3);
            assertSameFunction(m, Layers.batchNorm(p.child("plain"), 3, false), new Shape(4, 3, 5, 5));
            Scalable affine = Layers.batchNorm(p.child("affine"), 3, true);
            HostCopy.into(p.params().get("affine.weight"), new float[] {0.5f, -2f, 1.5f});
            HostCopy.into(p.params().get("affine.bias"), new float[] {0.3f, 1f, -0.7f});
            assertSameFunction(m, affine, new Shape(4, 3, 5, 5));
        }
    }

    @Test
    void averagePoolingWithAndWithoutPadding() {
        try (NDManager m = TestDevice.manager()) {
            assertSameFunction(m, new AvgPool(3, 1, 1), new Shape(2, 3, 5, 5));
            assertSameFunction(m, new AvgPool(2, 2, 0), new Shape(2, 3, 6, 6));
        }
    }

    @Test
    void aChainEndingInAScalableModuleIsScalable() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 3);
            Module convBn = Layers.convBn(p.child("a"), 3, 4, 3, 1, 1, false);
            assertTrue(convBn instanceof Scalable);
            assertSameFunction(m, (Scalable) convBn, new Shape(2, 3, 6, 6));
            assertFalse(Layers.batchNorm(p.child("b"), 3, false).then(Layers.RELU) instanceof Scalable);
        }
    }

    @Test
    void sharedFeatureFunctionsRunOnce() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 4));
            Feature f = new Feature(x);
            AtomicInteger calls = new AtomicInteger();
            Module twice = (v, t) -> {
                calls.incrementAndGet();
                return v.mul(2);
            };
            NDArray a = f.shared("k", twice);
            NDArray b = f.shared("k", twice);
            assertEquals(1, calls.get());
            assertTrue(a == b);
            assertArrayEquals(x.mul(2).toFloatArray(), b.toFloatArray(), 0f, "the shared value");
            f.shared("other", twice);
            assertEquals(2, calls.get());
        }
    }

    @Test
    void poolingCandidatesOfOneNodeMatchThePoolingModule() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 5, 5));
            NDArray w = m.create(SCALE);
            AvgPool pool = new AvgPool(3, 1, 1);
            Feature f = new Feature(x);
            float[] expected = pool.forward(x, false).mul(w).toFloatArray();
            // two edges leaving the same node, each with its own module instance, as in a cell
            assertArrayEquals(expected, pool.candidate().forwardWeighted(f, w, false).toFloatArray(), 1e-6f);
            assertArrayEquals(expected, new AvgPool(3, 1, 1).candidate().forwardWeighted(f, w, false).toFloatArray(),
                    1e-6f);
            assertArrayEquals(pool.forward(x, false).toFloatArray(), pool.candidate().forward(f, false).toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void inPlaceSumsKeepValuesAndGradients() {
        try (NDManager m = TestDevice.manager()) {
            NDArray a = m.create(new float[] {1, 2});
            NDArray b = m.create(new float[] {3, -1});
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray sum;
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                sum = Sums.accumulate(null, a.mul(2));
                sum = Sums.accumulate(sum, b.mul(b));
                c.backward(sum.sum());
            }
            assertArrayEquals(new float[] {11, 5}, sum.toFloatArray(), 0f);
            assertArrayEquals(new float[] {2, 2}, a.getGradient().toFloatArray(), 0f);
            assertArrayEquals(new float[] {6, -2}, b.getGradient().toFloatArray(), 0f);
        }
    }
}
