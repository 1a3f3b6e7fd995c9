package org.betadarts.bench;

import java.util.Arrays;

/** Median, quartiles and extremes of repeated timings, in seconds. */
public record Summary(double median, double q1, double q3, double min, double max, int count) {
    /** @param nanos one duration per repetition; at least one */
    public static Summary ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        double[] s = Arrays.stream(nanos).mapToDouble(n -> n / 1e9).sorted().toArray();
        return new Summary(quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75), s[0], s[s.length - 1], s.length);
    }

    /** Linear interpolation between order statistics (the usual "type 7" quantile). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
