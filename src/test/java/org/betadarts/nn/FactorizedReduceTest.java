package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FactorizedReduceTest {
    private static final int N = 2;
    private static final int IN = 3;
    private static final int OUT = 4;

    /**
     * The reference in plain Java: output channel o &lt; OUT/2 samples pixel (2i, 2j), the others pixel
     * (2i+1, 2j+1) (zero outside the input); batch norm in inference mode with fresh statistics
     * divides by sqrt(1 + eps).
     */
    private static double expected(float[] x, float[] w1, float[] w2, int h, int w, int b, int o, int i, int j) {
        boolean second = o >= OUT / 2;
        int oc = second ? o - OUT / 2 : o;
        int y = 2 * i + (second ? 1 : 0);
        int xx = 2 * j + (second ? 1 : 0);
        double s = 0;
        if (y < h && xx < w) {
            for (int c = 0; c < IN; c++) {
                s += (second ? w2 : w1)[oc * IN + c] * x[((b * IN + c) * h + y) * w + xx];
            }
        }
        return s / Math.sqrt(1 + Layers.BN_EPS);
    }

    private static void check(int h, int w) {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 5);
            FactorizedReduce fr = new FactorizedReduce(p, IN, OUT, false);
            assertEquals(IN * OUT, p.count(), "two 1x1 convolutions of OUT/2 channels; no affine BN");
            float[] x = LayersTest.random(new SplittableRandom(h * 31L + w), N * IN * h * w);
            NDArray out = fr.forward(m.create(x, new Shape(N, IN, h, w)), false);
            int oh = (h + 1) / 2;
            int ow = (w + 1) / 2;
            assertEquals(new Shape(N, OUT, oh, ow), out.getShape(), h + "x" + w);
            float[] w1 = p.params().get("conv_1.weight").toFloatArray();
            float[] w2 = p.params().get("conv_2.weight").toFloatArray();
            float[] got = out.toFloatArray();
            for (int b = 0; b < N; b++) {
                for (int o = 0; o < OUT; o++) {
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            assertEquals(expected(x, w1, w2, h, w, b, o, i, j), got[((b * OUT + o) * oh + i) * ow + j],
                                    1e-5, h + "x" + w + " at " + b + "," + o + "," + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void evenSizeSamplesBothPixelGrids() {
        check(6, 6);
        check(4, 8);
    }

    @Test
    void oddSizesGiveTheCeilingAndZeroBeyondTheBorder() {
        check(7, 7);
        check(5, 6);
        check(1, 3);
    }

    @Test
    void oddOutputChannelsAreRejected() {
        try (NDManager m = TestDevice.manager()) {
            assertThrows(IllegalArgumentException.class, () -> new FactorizedReduce(new Parameters(m, 0), 4, 5, false));
        }
    }

    /**
     * The backward pass on a channels-last batch with fewer than 8 input channels, at the shapes of
     * the tiny DARTS search (C=2: the first reduction cell's stride-2 skip_connect is a
     * FactorizedReduce of 4 channels on 8x8 images, batch 64). As two stride-2 1x1 convolutions it
     * ran oneDNN's jit_1x1:avx2 backward-weights kernel, which on CPUs without AVX-512 wrote past its
     * buffer and aborted the JVM in glibc's free. The gradients of both weights and of the input
     * must match the plain-Java ones (batch norm in inference mode: a division by sqrt(1 + eps)).
     */
    @Test
    void channelsLastBackwardWithFewChannelsGivesTheReferenceGradients() {
        int n = 64;
        int out = 4;
        for (int in : new int[] {4, 2}) {
            for (int[] size : new int[][] {{8, 8}, {16, 16}, {7, 7}}) {
                for (int rep = 0; rep < 2; rep++) {
                    checkGradients(n, in, out, size[0], size[1], 100 * in + 10 * size[0] + rep);
                }
            }
        }
    }

    private static void checkGradients(int n, int in, int out, int h, int w, long seed) {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, seed);
            FactorizedReduce fr = new FactorizedReduce(p, in, out, false);
            SplittableRandom r = new SplittableRandom(seed);
            float[] x = LayersTest.random(r, n * in * h * w);
            int oh = (h + 1) / 2;
            int ow = (w + 1) / 2;
            float[] g = LayersTest.random(r, n * out * oh * ow);
            NDArray input = MemoryFormat.channelsLast(m.create(x, new Shape(n, in, h, w)));
            input.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = fr.forward(input, false);
                gc.backward(y.mul(m.create(g, y.getShape())).sum());
            }
            float[][] weights = {p.params().get("conv_1.weight").toFloatArray(),
                p.params().get("conv_2.weight").toFloatArray()};
            float[][] gotW = {p.params().get("conv_1.weight").getGradient().toFloatArray(),
                p.params().get("conv_2.weight").getGradient().toFloatArray()};
            float[] gotX = input.getGradient().toFloatArray();
            double[][] wantW = new double[2][out / 2 * in];
            double[] wantX = new double[x.length];
            double bn = 1 / Math.sqrt(1 + Layers.BN_EPS);
            for (int b = 0; b < n; b++) {
                for (int o = 0; o < out; o++) {
                    int half = o < out / 2 ? 0 : 1;
                    int oc = o - half * out / 2;
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            int yy = 2 * i + half;
                            int xx = 2 * j + half;
                            if (yy >= h || xx >= w) {
                                continue; // the zero padding of an odd size
                            }
                            double dy = g[((b * out + o) * oh + i) * ow + j] * bn;
                            for (int c = 0; c < in; c++) {
                                int at = ((b * in + c) * h + yy) * w + xx;
                                wantW[half][oc * in + c] += dy * x[at];
                                wantX[at] += dy * weights[half][oc * in + c];
                            }
                        }
                    }
                }
            }
            String where = in + " channels, " + h + "x" + w;
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < wantW[k].length; i++) {
                    assertEquals(wantW[k][i], gotW[k][i], 1e-3, "conv_" + (k + 1) + " weight gradient " + i + ", " + where);
                }
            }
            for (int i = 0; i < wantX.length; i++) {
                assertEquals(wantX[i], gotX[i], 1e-5, "input gradient " + i + ", " + where);
            }
        }
    }
}
