package org.betadarts.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.betadarts.experiment.MeanStd;
import org.betadarts.experiment.Summary;

/**
 * How much the found cells depend on the search's length and on the amount of data (the β-DARTS
 * "less dependence" figure), for an experiment whose grid has an {@code epochs} or a
 * {@code max-train} axis: per such axis, the found cells' accuracy and their share of parameter-free
 * ops against the axis's values, one line per regularizer setting (named with the values of the
 * grid's other axes when it has more), each point a row of the {@link Summary}: the mean ± sample
 * standard deviation over its seeds. The accuracy is NAS-Bench-201's CIFAR-10 test accuracy when every
 * row has it, else the supernet's accuracy on the α half. A value that is not a positive number
 * ({@code max-train 0}: all images) has no place on the axis and is left out.
 */
final class DependenceCharts {
    /** The axes charted, with the label of their x axis. */
    static final Map<String, String> AXES = Map.of("epochs", "search epochs",
            "max-train", "training images (max-train, both halves)");

    private DependenceCharts() {}

    /** The charts, two per axis of {@link #AXES} in the grid (accuracy, then parameter-free share); none without. */
    static List<LineChart> of(List<Summary.Row> rows) {
        boolean nb201 = !rows.isEmpty() && rows.stream().allMatch(r -> r.benchmark().containsKey("cifar10_test"));
        List<LineChart> charts = new ArrayList<>();
        for (String axis : List.of("epochs", "max-train")) {
            if (rows.stream().noneMatch(r -> r.settings().containsKey(axis))) {
                continue;
            }
            String accuracy = nb201 ? "NAS-Bench-201 CIFAR-10 test accuracy" : "Supernet accuracy on the α half";
            charts.add(chart("dependence-" + axis + "-accuracy", accuracy + " against " + axis, axis, "accuracy %", rows,
                    nb201 ? r -> r.benchmark().get("cifar10_test") : Summary.Row::validAcc));
            charts.add(chart("dependence-" + axis + "-param-free", "Parameter-free ops in the found cells against " + axis,
                    axis, "share of the cell's ops %", rows, Summary.Row::paramFree));
        }
        return charts;
    }

    private static LineChart chart(String file, String title, String axis, String yLabel, List<Summary.Row> rows,
            Function<Summary.Row, MeanStd> value) {
        Map<String, List<Summary.Row>> lines = new LinkedHashMap<>();
        for (Summary.Row r : rows) {
            if (x(r, axis) > 0) {
                Map<String, String> others = new LinkedHashMap<>(r.settings());
                others.remove(axis);
                lines.computeIfAbsent(Summary.groupName(r.label(), others), k -> new ArrayList<>()).add(r);
            }
        }
        List<LineChart.Series> series = new ArrayList<>();
        lines.forEach((name, points) -> {
            List<Summary.Row> sorted = points.stream().sorted(Comparator.comparingDouble(r -> x(r, axis))).toList();
            series.add(new LineChart.Series(name, sorted.stream().mapToDouble(r -> x(r, axis)).toArray(),
                    sorted.stream().mapToDouble(r -> value.apply(r).mean()).toArray(),
                    sorted.stream().mapToDouble(r -> value.apply(r).std()).toArray()));
        });
        return LineChart.over(file, title, AXES.get(axis), yLabel, series);
    }

    /** The row's value of the axis as a number; NaN when it has none or it is not a number. */
    static double x(Summary.Row r, String axis) {
        String v = r.settings().get(axis);
        try {
            return v == null ? Double.NaN : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
