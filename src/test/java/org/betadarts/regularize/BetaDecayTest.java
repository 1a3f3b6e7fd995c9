package org.betadarts.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class BetaDecayTest {
    static double[][] randomMatrix(SplittableRandom r, int rows, int cols, double scale) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * r.nextGaussian();
            }
        }
        return a;
    }

    static double logSumExp(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : row) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    /** mean over the rows of all matrices of logsumexp of the row, in double. */
    static double reference(List<double[][]> alphas) {
        double total = 0;
        int edges = 0;
        for (double[][] a : alphas) {
            for (double[] row : a) {
                total += logSumExp(row);
                edges++;
            }
        }
        return total / edges;
    }

    static double[] flat(double[][] a) {
        double[] v = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, v, i * a[0].length, a[0].length);
        }
        return v;
    }

    static float[] flatFloat(double[][] a) {
        double[] d = flat(a);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** The matrices rounded to float, so that the reference sees the same numbers as the tensors. */
    static List<double[][]> roundedToFloat(List<double[][]> alphas) {
        List<double[][]> out = new ArrayList<>();
        for (double[][] a : alphas) {
            double[][] b = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                b[i] = new double[a[i].length];
                for (int j = 0; j < a[i].length; j++) {
                    b[i][j] = (float) a[i][j];
                }
            }
            out.add(b);
        }
        return out;
    }

    static List<NDArray> floatTensors(NDManager m, List<double[][]> alphas) {
        List<NDArray> t = new ArrayList<>();
        for (double[][] a : alphas) {
            t.add(m.create(flatFloat(a), new Shape(a.length, a[0].length)));
        }
        return t;
    }

    static List<NDArray> doubleTensors(NDManager m, List<double[][]> alphas) {
        List<NDArray> t = new ArrayList<>();
        for (double[][] a : alphas) {
            t.add(m.create(flat(a), new Shape(a.length, a[0].length)));
        }
        return t;
    }

    static List<double[][]> twoTensors(int rowsB, int colsB) {
        SplittableRandom r = new SplittableRandom(17);
        return List.of(randomMatrix(r, 14, 8, 1.0), randomMatrix(r, rowsB, colsB, 2.0));
    }

    @Test
    void valueIsTheMeanOverAllEdgesOfLogSumExp() {
        try (NDManager m = TestDevice.manager()) {
            for (List<double[][]> alphas : List.of(twoTensors(14, 8), twoTensors(6, 5))) {
                double expected = reference(roundedToFloat(alphas));
                assertEquals(expected, BetaDecay.term(floatTensors(m, alphas)).getFloat(), 1e-5);
                assertEquals(reference(alphas), BetaDecay.term(doubleTensors(m, alphas)).getDouble(), 1e-12);
            }
        }
    }

    @Test
    void meanRunsOverEdgesNotOverTensors() {
        // 2 rows of zeros (lse = ln 3 each) and one row {ln 5, ln 5, ln 5} (lse = ln 15)
        try (NDManager m = TestDevice.manager()) {
            double l5 = Math.log(5);
            List<NDArray> t = List.of(m.zeros(new Shape(2, 3), ai.djl.ndarray.types.DataType.FLOAT64),
                    m.create(new double[] {l5, l5, l5}, new Shape(1, 3)));
            double expected = (2 * Math.log(3) + Math.log(15)) / 3;
            assertEquals(expected, BetaDecay.term(t).getDouble(), 1e-12);
        }
    }

    @Test
    void largeValuesDoNotOverflow() {
        try (NDManager m = TestDevice.manager()) {
            NDArray a = m.create(new float[] {1000f, 1000f, 990f, -1000f, -1000f, -1000f}, new Shape(2, 3));
            double row1 = 1000 + Math.log(2 + Math.exp(-10));
            double row2 = -1000 + Math.log(3);
            assertEquals((row1 + row2) / 2, BetaDecay.term(List.of(a)).getFloat(), 1e-3);
        }
    }

    /** Gradient of term(alphas) with respect to each tensor, flattened. */
    static List<double[]> gradients(NDManager m, List<NDArray> tensors) {
        for (NDArray t : tensors) {
            t.setRequiresGradient(true);
        }
        try (GradientCollector c = m.getEngine().newGradientCollector()) {
            c.backward(BetaDecay.term(tensors));
        }
        List<double[]> g = new ArrayList<>();
        for (NDArray t : tensors) {
            NDArray grad = t.getGradient();
            g.add(grad.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
            grad.close();
        }
        return g;
    }

    @Test
    void gradientIsSoftmaxOverTheNumberOfEdges() {
        for (int[] b : new int[][] {{14, 8}, {6, 5}}) {
            List<double[][]> alphas = twoTensors(b[0], b[1]);
            int edges = 14 + b[0];
            try (NDManager m = TestDevice.manager()) {
                List<double[]> gFloat = gradients(m, floatTensors(m, alphas));
                List<double[]> gDouble = gradients(m, doubleTensors(m, alphas));
                for (int k = 0; k < alphas.size(); k++) {
                    double[][] a = alphas.get(k);
                    for (int i = 0; i < a.length; i++) {
                        double lse = logSumExp(a[i]);
                        for (int j = 0; j < a[i].length; j++) {
                            double expected = Math.exp(a[i][j] - lse) / edges;
                            int idx = i * a[i].length + j;
                            assertEquals(expected, gDouble.get(k)[idx], 1e-12, "double, tensor " + k);
                            assertEquals(expected, gFloat.get(k)[idx], 1e-7, "float, tensor " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        double h = 1e-3;
        List<double[][]> alphas = twoTensors(14, 8);
        try (NDManager m = TestDevice.manager()) {
            List<double[]> grads = gradients(m, doubleTensors(m, alphas));
            for (int k = 0; k < alphas.size(); k++) {
                double[][] a = alphas.get(k);
                for (int i = 0; i < a.length; i++) {
                    for (int j = 0; j < a[i].length; j++) {
                        double keep = a[i][j];
                        a[i][j] = keep + h;
                        double plus = BetaDecay.term(doubleTensors(m, alphas)).getDouble();
                        double plusRef = reference(alphas);
                        a[i][j] = keep - h;
                        double minus = BetaDecay.term(doubleTensors(m, alphas)).getDouble();
                        double minusRef = reference(alphas);
                        a[i][j] = keep;
                        double fd = (plus - minus) / (2 * h);
                        double fdRef = (plusRef - minusRef) / (2 * h);
                        double g = grads.get(k)[i * a[i].length + j];
                        assertEquals(fdRef, g, 1e-8, "plain-Java difference, tensor " + k + " [" + i + "," + j + "]");
                        assertEquals(fd, g, 1e-8, "tensor difference, tensor " + k + " [" + i + "," + j + "]");
                    }
                }
            }
            // and in float, with a loose tolerance
            List<NDArray> f = floatTensors(m, alphas);
            double[] gf = gradients(m, f).get(1);
            double[][] b = alphas.get(1);
            for (int[] ij : new int[][] {{0, 0}, {3, 5}, {13, 7}}) {
                double keep = b[ij[0]][ij[1]];
                b[ij[0]][ij[1]] = keep + h;
                double plus = BetaDecay.term(floatTensors(m, alphas)).getFloat();
                b[ij[0]][ij[1]] = keep - h;
                double minus = BetaDecay.term(floatTensors(m, alphas)).getFloat();
                b[ij[0]][ij[1]] = keep;
                assertEquals((plus - minus) / (2 * h), gf[ij[0] * 8 + ij[1]], 1e-3);
            }
        }
    }

    @Test
    void alphaLossIsLambdaTimesTheTerm() {
        List<double[][]> alphas = twoTensors(6, 5);
        double term = reference(alphas);
        BetaDecay reg = new BetaDecay(LambdaSchedule.parse("linear:0:50"));
        try (NDManager m = TestDevice.manager()) {
            List<NDArray> t = doubleTensors(m, alphas);
            assertNull(reg.alphaLoss(t, 0, 100), "lambda is 0 at epoch 0");
            NDArray loss = reg.alphaLoss(t, 10, 100);
            assertNotNull(loss);
            assertEquals(5 * term, loss.getDouble(), 1e-9);
            assertEquals(49.5 * term, reg.alphaLoss(t, 99, 100).getDouble(), 1e-9);
            assertEquals(Map.of("lambda", 5.0), reg.state(10, 100));

            BetaDecay off = new BetaDecay(LambdaSchedule.constant(0));
            for (int e : new int[] {0, 5, 99}) {
                assertNull(off.alphaLoss(t, e, 100));
            }
            assertEquals(2 * term, new BetaDecay(LambdaSchedule.constant(2)).alphaLoss(t, 0, 100).getDouble(), 1e-9);
        }
        assertEquals(BetaDecay.DEFAULT_SCHEDULE, LambdaSchedule.parse("slope:0.5"));
    }
}
