package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayersTest {
    static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** Direct convolution in plain Java, groups 1, dilation 1, no bias. */
    static float[] convReference(float[] x, float[] w, int n, int cin, int h, int wd, int cout, int k,
                                 int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (wd + 2 * pad - k) / stride + 1;
        float[] y = new float[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int c = 0; c < cin; c++) {
                            for (int di = 0; di < k; di++) {
                                for (int dj = 0; dj < k; dj++) {
                                    int yy = i * stride - pad + di;
                                    int xx = j * stride - pad + dj;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                        s += w[((o * cin + c) * k + di) * k + dj]
                                                * x[((b * cin + c) * h + yy) * wd + xx];
                                    }
                                }
                            }
                        }
                        y[((b * cout + o) * oh + i) * ow + j] = (float) s;
                    }
                }
            }
        }
        return y;
    }

    @Test
    void convWeightShapeAndPyTorchInitBound() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 1);
            Layers.conv(p, 8, 16, 3, 1, 1);
            NDArray w = p.params().get("weight");
            assertEquals(new Shape(16, 8, 3, 3), w.getShape());
            assertEquals(16 * 8 * 9, p.count());
            assertTrue(p.buffers().isEmpty(), "no bias, no buffers");
            // PyTorch's default: uniform in +-1/sqrt(fan_in), fan_in = 8*3*3
            double bound = 1 / Math.sqrt(72);
            float max = 0;
            for (float v : w.toFloatArray()) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= bound, "max |w| " + max + " above " + bound);
            assertTrue(max > 0.9 * bound, "max |w| " + max + " far below " + bound);

            Parameters g = new Parameters(m, 1);
            Layers.conv(g, 8, 8, 3, 1, 1, 1, 8); // depthwise
            assertEquals(new Shape(8, 1, 3, 3), g.params().get("weight").getShape());
        }
    }

    @Test
    void convOutputShapes() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.ones(new Shape(2, 3, 8, 8));
            Parameters p = new Parameters(m, 1);
            assertEquals(new Shape(2, 5, 8, 8),
                    Layers.conv(p.child("a"), 3, 5, 3, 1, 1).forward(x, false).getShape());
            assertEquals(new Shape(2, 5, 4, 4),
                    Layers.conv(p.child("b"), 3, 5, 3, 2, 1).forward(x, false).getShape());
            assertEquals(new Shape(2, 5, 8, 8),
                    Layers.conv(p.child("c"), 3, 5, 1, 1, 0).forward(x, false).getShape());
            NDArray odd = m.ones(new Shape(1, 3, 7, 7));
            assertEquals(new Shape(1, 5, 4, 4),
                    Layers.conv(p.child("d"), 3, 5, 3, 2, 1).forward(odd, false).getShape());
        }
    }

    @Test
    void oneByOneConvIsAMatrixProductOverChannels() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 2;
        int cin = 3;
        int cout = 4;
        int h = 3;
        int w = 2;
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 1);
            Module conv = Layers.conv(p, cin, cout, 1, 1, 0);
            float[] wv = p.params().get("weight").toFloatArray();
            float[] xv = random(r, n * cin * h * w);
            float[] y = conv.forward(m.create(xv, new Shape(n, cin, h, w)), false).toFloatArray();
            for (int b = 0; b < n; b++) {
                for (int o = 0; o < cout; o++) {
                    for (int s = 0; s < h * w; s++) {
                        double expected = 0;
                        for (int c = 0; c < cin; c++) {
                            expected += wv[o * cin + c] * xv[(b * cin + c) * h * w + s];
                        }
                        assertEquals(expected, y[(b * cout + o) * h * w + s], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void convMatchesDirectConvolutionAtStrideOneAndTwo() {
        SplittableRandom r = new SplittableRandom(5);
        try (NDManager m = TestDevice.manager()) {
            float[] xv = random(r, 2 * 3 * 5 * 5);
            NDArray x = m.create(xv, new Shape(2, 3, 5, 5));
            for (int stride : new int[] {1, 2}) {
                Parameters p = new Parameters(m, stride);
                Module conv = Layers.conv(p, 3, 4, 3, stride, 1);
                float[] wv = p.params().get("weight").toFloatArray();
                assertArrayEquals(convReference(xv, wv, 2, 3, 5, 5, 4, 3, stride, 1),
                        conv.forward(x, false).toFloatArray(), 1e-5f);
            }
        }
    }

    /** x of shape (n, c, h, w) filled so that channels differ in mean and spread. */
    static float[] bnInput(int n, int c, int hw) {
        SplittableRandom r = new SplittableRandom(21);
        float[] v = new float[n * c * hw];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int s = 0; s < hw; s++) {
                    v[(b * c + ch) * hw + s] = (float) (ch * 3 - 1 + (ch + 1) * r.nextGaussian());
                }
            }
        }
        return v;
    }

    /** {mean, biased variance, unbiased variance} of channel ch. */
    static double[] channelStats(float[] v, int n, int c, int hw, int ch) {
        double sum = 0;
        for (int b = 0; b < n; b++) {
            for (int s = 0; s < hw; s++) {
                sum += v[(b * c + ch) * hw + s];
            }
        }
        int count = n * hw;
        double mean = sum / count;
        double sq = 0;
        for (int b = 0; b < n; b++) {
            for (int s = 0; s < hw; s++) {
                double d = v[(b * c + ch) * hw + s] - mean;
                sq += d * d;
            }
        }
        return new double[] {mean, sq / count, sq / (count - 1)};
    }

    @Test
    void batchNormTrainingNormalizesPerChannelAndUpdatesRunningStatsLikePyTorch() {
        int n = 4;
        int c = 3;
        int hw = 4;
        float[] xv = bnInput(n, c, hw);
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 1);
            Module bn = Layers.batchNorm(p, c, false);
            float[] y = bn.forward(m.create(xv, new Shape(n, c, 2, 2)), true).toFloatArray();
            float[] runningMean = p.buffers().get("running_mean").toFloatArray();
            float[] runningVar = p.buffers().get("running_var").toFloatArray();
            for (int ch = 0; ch < c; ch++) {
                double[] st = channelStats(xv, n, c, hw, ch);
                for (int b = 0; b < n; b++) {
                    for (int s = 0; s < hw; s++) {
                        int i = (b * c + ch) * hw + s;
                        assertEquals((xv[i] - st[0]) / Math.sqrt(st[1] + 1e-5), y[i], 1e-4,
                                "normalized with the biased variance");
                    }
                }
                assertEquals(0.9 * 0 + 0.1 * st[0], runningMean[ch], 1e-5, "running_mean, momentum 0.1");
                assertEquals(0.9 * 1 + 0.1 * st[2], runningVar[ch], 1e-5,
                        "running_var uses the unbiased variance, momentum 0.1");
            }
            // a second step folds in again: r = 0.9 r + 0.1 stat
            bn.forward(m.create(xv, new Shape(n, c, 2, 2)), true);
            float[] mean2 = p.buffers().get("running_mean").toFloatArray();
            float[] var2 = p.buffers().get("running_var").toFloatArray();
            for (int ch = 0; ch < c; ch++) {
                double[] st = channelStats(xv, n, c, hw, ch);
                assertEquals(0.9 * (0.1 * st[0]) + 0.1 * st[0], mean2[ch], 1e-5);
                assertEquals(0.9 * (0.9 + 0.1 * st[2]) + 0.1 * st[2], var2[ch], 1e-4);
            }
        }
    }

    @Test
    void batchNormInferenceUsesRunningStatsAndLeavesThem() {
        int n = 2;
        int c = 2;
        int hw = 4;
        float[] xv = bnInput(n, c, hw);
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 1);
            Module bn = Layers.batchNorm(p, c, true);
            float[] mean = {0.5f, -2f};
            float[] var = {4f, 0.25f};
            float[] gamma = {2f, -1f};
            float[] beta = {0.1f, 3f};
            HostCopy.into(p.buffers().get("running_mean"), mean);
            HostCopy.into(p.buffers().get("running_var"), var);
            HostCopy.into(p.params().get("weight"), gamma);
            HostCopy.into(p.params().get("bias"), beta);
            float[] y = bn.forward(m.create(xv, new Shape(n, c, 2, 2)), false).toFloatArray();
            for (int b = 0; b < n; b++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int s = 0; s < hw; s++) {
                        int i = (b * c + ch) * hw + s;
                        double expected = (xv[i] - mean[ch]) / Math.sqrt(var[ch] + 1e-5) * gamma[ch] + beta[ch];
                        assertEquals(expected, y[i], 1e-4);
                    }
                }
            }
            assertArrayEquals(mean, p.buffers().get("running_mean").toFloatArray(), 0);
            assertArrayEquals(var, p.buffers().get("running_var").toFloatArray(), 0);
        }
    }

    @Test
    void batchNormTrainingAppliesAffineParameters() {
        int n = 3;
        int c = 2;
        int hw = 4;
        float[] xv = bnInput(n, c, hw);
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 1);
            Module bn = Layers.batchNorm(p, c, true);
            float[] gamma = {0.5f, 3f};
            float[] beta = {-1f, 2f};
            HostCopy.into(p.params().get("weight"), gamma);
            HostCopy.into(p.params().get("bias"), beta);
            float[] y = bn.forward(m.create(xv, new Shape(n, c, 2, 2)), true).toFloatArray();
            for (int ch = 0; ch < c; ch++) {
                double[] st = channelStats(xv, n, c, hw, ch);
                for (int b = 0; b < n; b++) {
                    for (int s = 0; s < hw; s++) {
                        int i = (b * c + ch) * hw + s;
                        double expected = (xv[i] - st[0]) / Math.sqrt(st[1] + 1e-5) * gamma[ch] + beta[ch];
                        assertEquals(expected, y[i], 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void batchNormAffineDecidesWhatIsTrainable() {
        try (NDManager m = TestDevice.manager()) {
            Parameters fixed = new Parameters(m, 1);
            Layers.batchNorm(fixed, 5, false);
            assertEquals(0, fixed.count());
            assertTrue(fixed.params().isEmpty());
            assertTrue(fixed.buffers().keySet().containsAll(Set.of("running_mean", "running_var")));
            assertFalse(fixed.buffers().containsKey("weight"));

            Parameters affine = new Parameters(m, 1);
            Layers.batchNorm(affine, 5, true);
            assertEquals(Set.of("weight", "bias"), affine.params().keySet());
            assertEquals(10, affine.count());
            assertArrayEquals(new float[] {1, 1, 1, 1, 1}, affine.params().get("weight").toFloatArray(), 0);
            assertArrayEquals(new float[5], affine.params().get("bias").toFloatArray(), 0);
            assertEquals(Set.of("running_mean", "running_var"), affine.buffers().keySet());
            assertArrayEquals(new float[5], affine.buffers().get("running_mean").toFloatArray(), 0);
            assertArrayEquals(new float[] {1, 1, 1, 1, 1}, affine.buffers().get("running_var").toFloatArray(), 0);
        }
    }

    @Test
    void linearIsXTimesWTransposedPlusBias() {
        SplittableRandom r = new SplittableRandom(9);
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 2);
            Module linear = Layers.linear(p, 4, 3);
            NDArray w = p.params().get("weight");
            NDArray b = p.params().get("bias");
            assertEquals(new Shape(3, 4), w.getShape());
            assertEquals(new Shape(3), b.getShape());
            assertEquals(15, p.count());
            for (float v : w.toFloatArray()) {
                assertTrue(Math.abs(v) <= 0.5f, "PyTorch bound 1/sqrt(4)");
            }
            float[] wv = w.toFloatArray();
            float[] bv = b.toFloatArray();
            float[] xv = random(r, 2 * 4);
            float[] y = linear.forward(m.create(xv, new Shape(2, 4)), false).toFloatArray();
            assertEquals(6, y.length);
            for (int i = 0; i < 2; i++) {
                for (int o = 0; o < 3; o++) {
                    double expected = bv[o];
                    for (int k = 0; k < 4; k++) {
                        expected += xv[i * 4 + k] * wv[o * 4 + k];
                    }
                    assertEquals(expected, y[i * 3 + o], 1e-5);
                }
            }
        }
    }

    @Test
    void reluConvBnNamesItsTensorsAndAppliesReluFirst() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 1);
            Module unit = Layers.reluConvBn(p, 2, 2, 1, 1, 0, false);
            assertEquals(Set.of("conv.weight"), p.params().keySet());
            assertTrue(p.buffers().keySet().containsAll(Set.of("bn.running_mean", "bn.running_var")));
            HostCopy.into(p.params().get("conv.weight"), new float[] {1, 0, 0, 1});
            // a negative input is cut by the ReLU: both channels become 0, whose running mean stays 0
            NDArray x = m.full(new Shape(2, 2, 2, 2), -3f);
            float[] y = unit.forward(x, false).toFloatArray();
            for (float v : y) {
                assertEquals(0f, v, 1e-6f);
            }
        }
    }
}
