package org.betadarts.report;

import java.util.List;

/**
 * What one chart of a report shows: lines over epochs.
 *
 * @param file base name of its PNG file (without extension)
 * @param logY a logarithmic value axis (used when every value is positive)
 */
public record LineChart(String file, String title, String xLabel, String yLabel, List<Series> series, boolean logY) {
    /** One line: y over x, NaN values left out. */
    public record Series(String name, double[] x, double[] y) {}

    public LineChart {
        series = List.copyOf(series);
    }

    public static LineChart of(String file, String title, String yLabel, List<Series> series) {
        return new LineChart(file, title, "epoch", yLabel, series, false);
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
