package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
        try (NDManager m = NDManager.newBaseManager()) {
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
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> new FactorizedReduce(new Parameters(m, 0), 4, 5, false));
        }
    }
}
