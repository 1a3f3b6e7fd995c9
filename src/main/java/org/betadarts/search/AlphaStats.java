package org.betadarts.search;

import java.util.ArrayList;
import java.util.List;
import org.betadarts.space.Softmax;

/** Summary numbers of α computed on the host copy: what the metrics record each epoch. */
public final class AlphaStats {
    private AlphaStats() {}

    /** softmax over each row. */
    public static List<double[][]> softmax(List<float[][]> alphas) {
        List<double[][]> out = new ArrayList<>();
        for (float[][] m : alphas) {
            double[][] s = new double[m.length][];
            for (int e = 0; e < m.length; e++) {
                s[e] = Softmax.of(m[e]);
            }
            out.add(s);
        }
        return out;
    }

    /** The β-Decay term: mean over all edges of logsumexp of the row. */
    public static double meanLogSumExp(List<float[][]> alphas) {
        double total = 0;
        int edges = 0;
        for (float[][] m : alphas) {
            for (float[] row : m) {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : row) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (float v : row) {
                    sum += Math.exp(v - max);
                }
                total += max + Math.log(sum);
                edges++;
            }
        }
        return total / edges;
    }

    /** {mean, population variance} of all α values. */
    public static double[] meanAndVariance(List<float[][]> alphas) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (float[][] m : alphas) {
            for (float[] row : m) {
                for (float v : row) {
                    sum += v;
                    sq += (double) v * v;
                    n++;
                }
            }
        }
        double mean = sum / n;
        return new double[] {mean, sq / n - mean * mean};
    }
}
