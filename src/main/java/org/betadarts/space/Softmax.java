package org.betadarts.space;

/** softmax over one row of α, computed in double on the host. */
public final class Softmax {
    private Softmax() {}

    public static double[] of(float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double[] p = new double[row.length];
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            p[i] = Math.exp(row[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < row.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
