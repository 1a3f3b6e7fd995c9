package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DilatedConvTest {
    /** Output, input gradient and weight gradient of a loss Σ y·g, in float64. */
    private static double[][] run(NDManager m, boolean rewritten, boolean channelsLast, long[] xs, int groups,
                                  int kernel, int stride) {
        NDArray x = m.randomNormal(0, 1, new Shape(xs), DataType.FLOAT64);
        long out = groups == 1 ? 3 : xs[1]; // dense: 4 → 3 channels; depthwise: one filter per channel
        NDArray w = m.randomNormal(0, 1, new Shape(out, xs[1] / groups, kernel, kernel), DataType.FLOAT64);
        if (channelsLast) {
            x = MemoryFormat.channelsLast(x);
        }
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        int pad = kernel - 1;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = rewritten
                    ? DilatedConv.forward(x, w, kernel, stride, groups)
                    : Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(pad, pad), new Shape(2, 2), groups).head();
            NDArray g = m.randomNormal(0, 1, y.getShape(), DataType.FLOAT64);
            gc.backward(y.mul(g).sum());
            return new double[][] {y.toDoubleArray(), x.getGradient().toDoubleArray(), w.getGradient().toDoubleArray(),
                    toDoubles(y.getShape().getShape())};
        }
    }

    private static double[] toDoubles(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /**
     * The rewritten convolution equals the dilated one: output (shape and values), input gradient and
     * weight gradient, depthwise and dense, stride 1 and 2, both layouts, odd and even sizes at stride 2.
     */
    @ParameterizedTest
    @CsvSource({"3,1,true,true,8", "5,1,true,true,8", "3,1,false,true,6", "5,2,true,true,8", "3,2,true,false,7",
            "5,2,false,true,9", "3,1,true,false,6"})
    void equalsTheDilatedConvolution(int kernel, int stride, boolean depthwise, boolean channelsLast, int size) {
        long[] xs = {2, 4, size, size};
        int groups = depthwise ? 4 : 1;
        assertTrue(DilatedConv.applies(size, size, kernel, stride, kernel - 1, 2));
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            double[][] direct = run(m, false, channelsLast, xs, groups, kernel, stride);
            Engine.getInstance().setRandomSeed(11);
            double[][] rewritten = run(m, true, channelsLast, xs, groups, kernel, stride);
            assertArrayEquals(direct[3], rewritten[3], "output shape");
            for (int part = 0; part < 3; part++) {
                assertEquals(direct[part].length, rewritten[part].length);
                assertArrayEquals(direct[part], rewritten[part], 1e-12, new String[] {"output", "input gradient",
                        "weight gradient"}[part]);
            }
        }
    }

    /** Other convolutions run as they are: undilated, not "same"-padded, even kernels, odd sizes at stride 1. */
    @Test
    void appliesOnlyWhereTheGridsSplitExactly() {
        assertFalse(DilatedConv.applies(8, 8, 3, 1, 1, 1));
        assertFalse(DilatedConv.applies(8, 8, 3, 1, 1, 2));
        assertFalse(DilatedConv.applies(8, 8, 4, 1, 3, 2));
        assertFalse(DilatedConv.applies(7, 8, 3, 1, 2, 2));
        assertFalse(DilatedConv.applies(8, 8, 3, 1, 4, 4));
        assertTrue(DilatedConv.applies(7, 7, 3, 2, 2, 2));
    }
}
