package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeparableConvTest {
    @Test
    void dilConvIsDepthwiseDilatedThenPointwiseThenBatchNorm() {
        int c = 2;
        int out = 3;
        int h = 6;
        int w = 5;
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 9);
            Module dil = Layers.dilConv(p, c, out, 3, 1, 2, 2, false);
            assertEquals(c * 9 + c * out, p.count());
            float[] x = LayersTest.random(new SplittableRandom(3), c * h * w);
            NDArray y = dil.forward(m.create(x, new Shape(1, c, h, w)), false);
            assertEquals(new Shape(1, out, h, w), y.getShape(), "dilation 2 with padding 2 keeps the size");
            float[] dw = p.params().get("depthwise.weight").toFloatArray();
            float[] pw = p.params().get("pointwise.weight").toFloatArray();
            float[] got = y.toFloatArray();
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double s = 0;
                        for (int ch = 0; ch < c; ch++) {
                            double d = 0;
                            for (int di = 0; di < 3; di++) {
                                for (int dj = 0; dj < 3; dj++) {
                                    int yy = i - 2 + 2 * di;
                                    int xx = j - 2 + 2 * dj;
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                        d += dw[(ch * 3 + di) * 3 + dj] * x[(ch * h + yy) * w + xx];
                                    }
                                }
                            }
                            s += pw[o * c + ch] * d;
                        }
                        assertEquals(s / Math.sqrt(1 + Layers.BN_EPS), got[(o * h + i) * w + j], 1e-5,
                                o + "," + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void sepConvIsTwoUnitsAndOnlyTheFirstStrides() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            Module sep = Layers.sepConv(p, 4, 6, 5, 2, 2, true);
            // a: depthwise 4x5x5, pointwise 4->4, BN(4) affine; b: depthwise 4x5x5, pointwise 4->6, BN(6) affine
            assertEquals(4 * 25 + 16 + 8 + 4 * 25 + 24 + 12, p.count());
            assertEquals(new Shape(4, 1, 5, 5), p.params().get("b.depthwise.weight").getShape());
            assertEquals(new Shape(6, 4, 1, 1), p.params().get("b.pointwise.weight").getShape());
            NDArray y = sep.forward(m.randomNormal(new Shape(2, 4, 9, 8)), true);
            assertEquals(new Shape(2, 6, 5, 4), y.getShape());
        }
    }
}
