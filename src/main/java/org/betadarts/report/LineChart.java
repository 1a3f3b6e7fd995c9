package org.betadarts.report;

import java.util.List;

/**
 * What one chart of a report shows: lines over epochs (or over another x, {@link #over}), each
 * point optionally with an error bar.
 *
 * @param file base name of its PNG file (without extension)
 * @param logY a logarithmic value axis (used when every value is positive)
 */
public record LineChart(String file, String title, String xLabel, String yLabel, List<Series> series, boolean logY) {
    /**
     * One line: y over x, NaN values left out.
     *
     * @param std a half-height of an error bar per point (y ± std; NaN: none), or null for a plain line
     */
    public record Series(String name, double[] x, double[] y, double[] std) {
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null);
        }
    }

    public LineChart {
        series = List.copyOf(series);
    }

    public static LineChart of(String file, String title, String yLabel, List<Series> series) {
        return new LineChart(file, title, "epoch", yLabel, series, false);
    }

    /** A chart over another x than the epoch. */
    public static LineChart over(String file, String title, String xLabel, String yLabel, List<Series> series) {
        return new LineChart(file, title, xLabel, yLabel, series, false);
    }

    /** Whether any line has error bars. */
    public boolean hasErrorBars() {
        return series.stream().anyMatch(s -> s.std() != null);
    }

    /** The same chart on a logarithmic value axis. */
    public LineChart logarithmic() {
        return new LineChart(file, title, xLabel, yLabel, series, true);
    }

    /** Whether any line has a value to draw. */
    public boolean hasData() {
        return series.stream().anyMatch(s -> java.util.Arrays.stream(s.y()).anyMatch(v -> !Double.isNaN(v)));
    }
}
