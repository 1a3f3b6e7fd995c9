package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AvgPoolTest {
    private static final float TOL = 1e-6f;

    /** Plain-Java average pooling; the divisor counts only the pixels inside the input. */
    static float[] reference(float[] x, int n, int c, int h, int w, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        float[] out = new float[n * c * oh * ow];
        for (int b = 0; b < n * c; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double sum = 0;
                    int count = 0;
                    for (int di = 0; di < k; di++) {
                        for (int dj = 0; dj < k; dj++) {
                            int y = i * stride - pad + di;
                            int xx = j * stride - pad + dj;
                            if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                sum += x[(b * h + y) * w + xx];
                                count++;
                            }
                        }
                    }
                    out[(b * oh + i) * ow + j] = (float) (sum / count);
                }
            }
        }
        return out;
    }

    @Test
    void onesStayOnesAtCornersAndEdges() {
        try (NDManager m = TestDevice.manager()) {
            NDArray out = new AvgPool(3, 1, 1).forward(m.ones(new Shape(1, 1, 3, 3)), false);
            assertEquals(new Shape(1, 1, 3, 3), out.getShape());
            float[] expected = new float[9];
            java.util.Arrays.fill(expected, 1f);
            assertArrayEquals(expected, out.toFloatArray(), TOL);
        }
    }

    @Test
    void threeByThreeByHand() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(1, 1, 3, 3));
            NDArray out = new AvgPool(3, 1, 1).forward(x, false);
            // corners average 4 pixels, edges 6, the centre 9
            float[] expected = {
                (1 + 2 + 4 + 5) / 4f, (1 + 2 + 3 + 4 + 5 + 6) / 6f, (2 + 3 + 5 + 6) / 4f,
                (1 + 2 + 4 + 5 + 7 + 8) / 6f, 45 / 9f, (2 + 3 + 5 + 6 + 8 + 9) / 6f,
                (4 + 5 + 7 + 8) / 4f, (4 + 5 + 6 + 7 + 8 + 9) / 6f, (5 + 6 + 8 + 9) / 4f};
            assertArrayEquals(new float[] {3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7}, expected, 0);
            assertArrayEquals(expected, out.toFloatArray(), TOL);
        }
    }

    @Test
    void fourByFourByHand() {
        try (NDManager m = TestDevice.manager()) {
            float[] v = new float[16];
            for (int i = 0; i < 16; i++) {
                v[i] = i; // row r, column c holds 4r + c
            }
            NDArray out = new AvgPool(3, 1, 1).forward(m.create(v, new Shape(1, 1, 4, 4)), false);
            float[] got = out.toFloatArray();
            assertEquals(new Shape(1, 1, 4, 4), out.getShape());
            assertEquals((0 + 1 + 4 + 5) / 4f, got[0], TOL);                      // top-left corner
            assertEquals((0 + 1 + 2 + 4 + 5 + 6) / 6f, got[1], TOL);              // top edge
            assertEquals((2 + 3 + 6 + 7) / 4f, got[3], TOL);                      // top-right corner
            assertEquals((0 + 1 + 4 + 5 + 8 + 9) / 6f, got[4], TOL);              // left edge
            assertEquals((0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10) / 9f, got[5], TOL); // interior
            assertEquals((14 + 15 + 10 + 11) / 4f, got[15], TOL);                 // bottom-right corner
            assertArrayEquals(reference(v, 1, 1, 4, 4, 3, 1, 1), got, TOL);
        }
    }

    @Test
    void randomBatchMatchesReferenceAndSizesAreCachedSeparately() {
        SplittableRandom r = new SplittableRandom(7);
        AvgPool pool = new AvgPool(3, 1, 1);
        try (NDManager m = TestDevice.manager()) {
            for (int[] size : new int[][] {{5, 4}, {3, 3}, {5, 4}, {6, 7}}) {
                int h = size[0];
                int w = size[1];
                float[] v = new float[2 * 3 * h * w];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (r.nextDouble() * 4 - 2);
                }
                NDArray out = pool.forward(m.create(v, new Shape(2, 3, h, w)), false);
                assertEquals(new Shape(2, 3, h, w), out.getShape());
                assertArrayEquals(reference(v, 2, 3, h, w, 3, 1, 1), out.toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void correctionSurvivesTheScopeOfTheFirstCall() {
        AvgPool pool = new AvgPool(3, 1, 1);
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.ones(new Shape(1, 2, 4, 4));
            try (NDScope scope = new NDScope()) {
                pool.forward(x, false);
            }
            NDArray out = pool.forward(x, false);
            float[] expected = new float[32];
            java.util.Arrays.fill(expected, 1f);
            assertArrayEquals(expected, out.toFloatArray(), TOL);
        }
    }

    @Test
    void twoByTwoStrideTwoWithoutPadding() {
        try (NDManager m = TestDevice.manager()) {
            float[] v = new float[16];
            for (int i = 0; i < 16; i++) {
                v[i] = i;
            }
            NDArray out = new AvgPool(2, 2, 0).forward(m.create(v, new Shape(1, 1, 4, 4)), false);
            assertEquals(new Shape(1, 1, 2, 2), out.getShape());
            float[] expected = {
                (0 + 1 + 4 + 5) / 4f, (2 + 3 + 6 + 7) / 4f,
                (8 + 9 + 12 + 13) / 4f, (10 + 11 + 14 + 15) / 4f};
            assertArrayEquals(expected, out.toFloatArray(), TOL);

            SplittableRandom r = new SplittableRandom(3);
            float[] big = new float[2 * 3 * 8 * 6];
            for (int i = 0; i < big.length; i++) {
                big[i] = (float) r.nextGaussian();
            }
            NDArray out2 = new AvgPool(2, 2, 0).forward(m.create(big, new Shape(2, 3, 8, 6)), false);
            assertEquals(new Shape(2, 3, 4, 3), out2.getShape());
            assertArrayEquals(reference(big, 2, 3, 8, 6, 2, 2, 0), out2.toFloatArray(), 1e-5f);
        }
    }

    @org.junit.jupiter.api.Test
    void strideTwoWithPaddingCountsOnlyPixelsInside() {
        try (ai.djl.ndarray.NDManager m = TestDevice.manager()) {
            float[] in = new float[25];
            for (int i = 0; i < 25; i++) {
                in[i] = i + 1;
            }
            float[] out = new AvgPool(3, 2, 1).forward(m.create(in, new ai.djl.ndarray.types.Shape(1, 1, 5, 5)), false)
                    .toFloatArray();
            // windows centred on (0,0), (0,2), (2,2), (4,4) of the 5x5 grid 1..25
            org.junit.jupiter.api.Assertions.assertEquals((1 + 2 + 6 + 7) / 4f, out[0], 1e-5);
            org.junit.jupiter.api.Assertions.assertEquals((2 + 3 + 4 + 7 + 8 + 9) / 6f, out[1], 1e-5);
            org.junit.jupiter.api.Assertions.assertEquals(13f, out[4], 1e-5);
            org.junit.jupiter.api.Assertions.assertEquals((19 + 20 + 24 + 25) / 4f, out[8], 1e-5);
        }
    }
}
