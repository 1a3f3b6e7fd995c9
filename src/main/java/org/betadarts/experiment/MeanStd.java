package org.betadarts.experiment;

import java.util.Arrays;
import java.util.Locale;

/**
 * The mean and the sample standard deviation (n − 1 in the denominator) of a few numbers, NaN
 * values left out; the deviation is NaN for fewer than two numbers, the mean for none.
 */
public record MeanStd(double mean, double std, int n) {
    public static MeanStd of(double... values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new MeanStd(Double.NaN, Double.NaN, 0);
        }
        double mean = Arrays.stream(v).sum() / v.length;
        if (v.length == 1) {
            return new MeanStd(mean, Double.NaN, 1);
        }
        double sq = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new MeanStd(mean, Math.sqrt(sq / (v.length - 1)), v.length);
    }

    /** {@code 85.31 ± 0.42}, or only the mean for one number, or {@code n/a} for none. */
    public String format(String pattern) {
        if (n == 0) {
            return "n/a";
        }
        String m = String.format(Locale.ROOT, pattern, mean);
        return n == 1 ? m : m + " ± " + String.format(Locale.ROOT, pattern, std);
    }
}
