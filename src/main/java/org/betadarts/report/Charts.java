package org.betadarts.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import org.betadarts.io.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Draws {@link LineChart}s with JFreeChart, as inline SVG (JFreeSVG) and as PNG files. */
public final class Charts {
    /** Distinct line colours (the Tableau 10 palette), used in series order. */
    public static final List<Color> PALETTE = List.of(new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
            new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
            new Color(0x9C755F), new Color(0xBAB0AC));

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    public static JFreeChart build(LineChart spec) {
        XYSeriesCollection lines = new XYSeriesCollection();
        YIntervalSeriesCollection bars = new YIntervalSeriesCollection();
        int points = 0;
        for (LineChart.Series s : spec.series()) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            YIntervalSeries interval = new YIntervalSeries(s.name(), false, true);
            for (int i = 0; i < s.y().length; i++) {
                double y = s.y()[i];
                if (!Double.isNaN(y) && (!spec.logY() || y > 0)) {
                    xy.add(s.x()[i], y);
                    double d = s.std() == null || Double.isNaN(s.std()[i]) ? 0 : s.std()[i];
                    interval.add(s.x()[i], y, y - d, y + d);
                }
            }
            points = Math.max(points, xy.getItemCount());
            lines.addSeries(xy);
            bars.addSeries(interval);
        }
        XYDataset data = spec.hasErrorBars() ? bars : lines;
        JFreeChart chart = ChartFactory.createXYLineChart(spec.title(), spec.xLabel(), spec.yLabel(), data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlineVisible(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, points <= 30);
        if (spec.hasErrorBars()) {
            XYErrorRenderer errors = new XYErrorRenderer();
            errors.setDrawXError(false);
            errors.setDefaultLinesVisible(true);
            errors.setCapLength(6);
            renderer = errors;
        }
        for (int i = 0; i < spec.series().size(); i++) {
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (spec.logY()) {
            LogAxis y = new LogAxis(spec.yLabel());
            y.setSmallestValue(1e-12);
            plot.setRangeAxis(y);
        } else {
            NumberAxis y = (NumberAxis) plot.getRangeAxis();
            y.setAutoRangeIncludesZero(false);
            y.setNumberFormatOverride(new CompactFormat());
        }
        return chart;
    }

    /**
     * The chart as an {@code <svg>} element that scales with the page.
     *
     * @param id a prefix unique on the page, for the element's id and its definitions
     */
    public static String svg(JFreeChart chart, int width, int height, String id) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }

    /** Writes the chart as a PNG file, atomically. */
    public static void png(JFreeChart chart, int width, int height, Path file) {
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /** Tick labels with up to six significant digits and no trailing zeros: 0.60015, 1.1e-05. */
    static final class CompactFormat extends NumberFormat {
        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            String s = String.format(Locale.ROOT, "%.6g", number);
            int e = s.indexOf('e');
            String mantissa = e < 0 ? s : s.substring(0, e);
            if (mantissa.contains(".")) {
                mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return to.append(mantissa).append(e < 0 ? "" : s.substring(e));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return to.append(number);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("tick labels are only written");
        }
    }
}
