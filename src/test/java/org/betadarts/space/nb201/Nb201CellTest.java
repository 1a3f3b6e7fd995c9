package org.betadarts.space.nb201;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class Nb201CellTest {
    private static final int C = 2;
    private static final int H = 4;
    private static final int W = 5;
    private static final int NONE = 0;
    private static final int SKIP = 1;
    private static final int POOL = 4;

    private static float[] input() {
        SplittableRandom r = new SplittableRandom(13);
        float[] v = new float[C * H * W];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return v;
    }

    private static Nb201Cell cell(NDManager m) {
        return new Nb201Cell(new Parameters(m, 0), C, Collections.nCopies(6, Nb201Ops.names()), false);
    }

    /** Weights (6, 5) with {@code w[e]} on column {@code op[e]} of edge e, 0 elsewhere. */
    private static NDArray oneHot(NDManager m, int[] op, float[] w) {
        float[] v = new float[30];
        for (int e = 0; e < 6; e++) {
            v[e * 5 + op[e]] = w[e];
        }
        return m.create(v, new Shape(6, 5));
    }

    private static NDArray oneHot(NDManager m, int... op) {
        return oneHot(m, op, new float[] {1, 1, 1, 1, 1, 1});
    }

    private static float[] run(NDManager m, NDArray weights) {
        NDArray out = cell(m).forward(m.create(input(), new Shape(1, C, H, W)), weights, false);
        assertEquals(new Shape(1, C, H, W), out.getShape());
        return out.toFloatArray();
    }

    private static float[] scaled(float[] x, double k) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (k * x[i]);
        }
        return y;
    }

    @Test
    void allSkipGivesFourTimesTheInput() {
        // node1 = x, node2 = x + node1 = 2x, node3 = x + node1 + node2 = 4x
        try (NDManager m = TestDevice.manager()) {
            assertArrayEquals(scaled(input(), 4), run(m, oneHot(m, SKIP, SKIP, SKIP, SKIP, SKIP, SKIP)), 1e-5f);
        }
    }

    @Test
    void allNoneGivesZeros() {
        try (NDManager m = TestDevice.manager()) {
            assertArrayEquals(new float[C * H * W], run(m, oneHot(m, NONE, NONE, NONE, NONE, NONE, NONE)), 0f);
        }
    }

    @Test
    void edgesReadTheirOwnSourceNode() {
        try (NDManager m = TestDevice.manager()) {
            // 1<-0 none: node1 = 0; 2<-0 skip, 2<-1 skip: node2 = x; 3<-0 none, 3<-1 skip, 3<-2 skip: node3 = x
            assertArrayEquals(input(), run(m, oneHot(m, NONE, SKIP, SKIP, NONE, SKIP, SKIP)), 1e-6f);
            // only 3<-0 and 3<-2 carry x, with weights 0.5 and 3: node2 = 2x, node3 = 0.5x + 3 * node2 = 6.5x
            float[] w = {1, 1, 1, 0.5f, 1, 3};
            assertArrayEquals(scaled(input(), 6.5),
                    run(m, oneHot(m, new int[] {SKIP, SKIP, SKIP, SKIP, NONE, SKIP}, w)), 1e-5f);
        }
    }

    @Test
    void halfSkipHalfNoneScalesEveryEdge() {
        // node1 = x/2, node2 = x/2 + node1/2 = 3x/4, node3 = x/2 + node1/2 + node2/2 = 9x/8
        try (NDManager m = TestDevice.manager()) {
            float[] v = new float[30];
            for (int e = 0; e < 6; e++) {
                v[e * 5 + NONE] = 0.5f;
                v[e * 5 + SKIP] = 0.5f;
            }
            assertArrayEquals(scaled(input(), 9.0 / 8), run(m, m.create(v, new Shape(6, 5))), 1e-5f);
        }
    }

    /** 3x3 average, stride 1, padding 1, not counting the padding. */
    private static float[] pool(float[] x) {
        float[] y = new float[x.length];
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) {
                    double s = 0;
                    int n = 0;
                    for (int a = i - 1; a <= i + 1; a++) {
                        for (int b = j - 1; b <= j + 1; b++) {
                            if (a >= 0 && a < H && b >= 0 && b < W) {
                                s += x[(c * H + a) * W + b];
                                n++;
                            }
                        }
                    }
                    y[(c * H + i) * W + j] = (float) (s / n);
                }
            }
        }
        return y;
    }

    private static float[] add(float[]... xs) {
        float[] y = new float[xs[0].length];
        for (float[] x : xs) {
            for (int i = 0; i < y.length; i++) {
                y[i] += x[i];
            }
        }
        return y;
    }

    @Test
    void poolingAndSkipEdgesComposeAsTheCellGraph() {
        // 1<-0 pool, 2<-0 skip, 2<-1 skip, 3<-0 none, 3<-1 pool, 3<-2 skip
        float[] x = input();
        float[] n1 = pool(x);
        float[] n2 = add(x, n1);
        float[] n3 = add(pool(n1), n2);
        try (NDManager m = TestDevice.manager()) {
            assertArrayEquals(n3, run(m, oneHot(m, POOL, SKIP, SKIP, NONE, POOL, SKIP)), 1e-5f);
        }
    }
}
