package org.betadarts.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.betadarts.io.AtomicFiles;
import org.betadarts.search.AlphaStats;
import org.betadarts.space.Benchmark;
import org.betadarts.space.ParameterFreeOps;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;

/**
 * The comparison table of an experiment: per regularizer setting (a run label), over its seeds,
 * the mean ± sample standard deviation of
 * <ul>
 *   <li>the supernet's accuracy on the α part after the last epoch (%),</li>
 *   <li>the share of parameter-free ops ({@link ParameterFreeOps}) among the found cell's ops (%),</li>
 *   <li>the variance of the final α,</li>
 *   <li>in a space with a benchmark (NAS-Bench-201), the benchmark's columns for the found cells,</li>
 * </ul>
 * and how many distinct cells the seeds found. Written as {@code summary.csv} and {@code summary.md}.
 */
public final class Summary {
    public static final String CSV = "summary.csv";
    public static final String MARKDOWN = "summary.md";

    /**
     * One line of the table: a regularizer setting ({@code label}) with the values of the experiment's
     * other grid axes ({@code settings}, option name to value; empty when only regularizers and seeds
     * vary). {@code space} is the space of its runs (empty when they differ); {@code benchmark} holds the
     * columns of its benchmark by key ({@link Benchmark.Column}), empty when it has none.
     */
    public record Row(String label, Map<String, String> settings, int runs, MeanStd validAcc, MeanStd paramFree,
            MeanStd alphaVar, int distinctCells, String space, Map<String, MeanStd> benchmark) {
        /** The group's name: the label, then {@code NAME=VALUE} for each other setting. */
        public String name() {
            return groupName(label, settings);
        }
    }

    private Summary() {}

    /** {@code beta-decay epochs=2 max-train=2000}: a label with the other grid settings of its runs. */
    public static String groupName(String label, Map<String, String> settings) {
        StringBuilder b = new StringBuilder(label);
        settings.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }

    /** Groups the runs by label, the groups in the order of their first runs, each in the order given. */
    public static Map<String, List<RunRecord>> groups(List<RunRecord> runs) {
        return groups(runs, Map.of());
    }

    /**
     * Groups the runs by label and their other grid settings ({@code settings}, by run directory name,
     * as in {@link Experiment#recordedSettings}: every axis but the seed), named by
     * {@link #groupName}, the groups in the order of their first runs, each in the order given.
     */
    public static Map<String, List<RunRecord>> groups(List<RunRecord> runs, Map<String, Map<String, String>> settings) {
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            groups.computeIfAbsent(groupName(r.label(), settingsOf(r, settings)), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static Map<String, String> settingsOf(RunRecord r, Map<String, Map<String, String>> settings) {
        return settings.getOrDefault(r.dir().getFileName().toString(), Map.of());
    }

    /** One row per label of the finished runs, in the order of {@link #groups(List)}. */
    public static List<Row> compute(List<RunRecord> runs) {
        return compute(runs, Map.of());
    }

    /** One row per group of the finished runs, in the order of {@link #groups(List, Map)}. */
    public static List<Row> compute(List<RunRecord> runs, Map<String, Map<String, String>> settings) {
        List<Row> rows = new ArrayList<>();
        List<RunRecord> finished = runs.stream().filter(RunRecord::finished).toList();
        for (Map.Entry<String, List<RunRecord>> g : groups(finished, settings).entrySet()) {
            List<RunRecord> rs = g.getValue();
            MeanStd acc = MeanStd.of(rs.stream().mapToDouble(r -> 100 * r.finalValidAccuracy()).toArray());
            MeanStd free = MeanStd.of(rs.stream()
                    .mapToDouble(r -> 100 * ParameterFreeOps.share(Spaces.byName(r.space()), r.genotypeOps())).toArray());
            MeanStd var = MeanStd.of(rs.stream().mapToDouble(Summary::finalAlphaVariance).toArray());
            int distinct = new LinkedHashSet<>(rs.stream().map(RunRecord::genotype).toList()).size();
            String space = rs.stream().allMatch(r -> r.space().equals(rs.get(0).space())) ? rs.get(0).space() : "";
            rows.add(new Row(rs.get(0).label(), settingsOf(rs.get(0), settings), rs.size(), acc, free, var, distinct,
                    space, space.isEmpty() ? Map.of() : benchmarkColumns(Spaces.byName(space), rs)));
        }
        return rows;
    }

    /** The mean and deviation of each benchmark column over the found cells of {@code runs}, by column key. */
    private static Map<String, MeanStd> benchmarkColumns(SearchSpace space, List<RunRecord> runs) {
        Map<String, MeanStd> columns = new LinkedHashMap<>();
        space.benchmark().ifPresent(b -> {
            List<double[]> values = runs.stream().map(r -> b.values(space.training().parse(r.genotype()))).toList();
            for (int c = 0; c < b.columns().size(); c++) {
                double[] column = new double[values.size()];
                for (int r = 0; r < column.length; r++) {
                    column[r] = values.get(r)[c];
                }
                columns.put(b.columns().get(c).key(), MeanStd.of(column));
            }
        });
        return columns;
    }

    /** The variance of the last α of a run (NaN without α files). */
    static double finalAlphaVariance(RunRecord r) {
        if (r.alphas().isEmpty()) {
            return Double.NaN;
        }
        return AlphaStats.meanAndVariance(r.alphas().get(r.alphas().size() - 1))[1];
    }

    /** Writes summary.csv and summary.md into {@code dir}, each atomically. */
    public static void write(Path dir, List<Row> rows) {
        AtomicFiles.writeString(dir.resolve(CSV), csv(rows));
        AtomicFiles.writeString(dir.resolve(MARKDOWN), markdown(rows));
    }

    /** The benchmark of the rows' space, when all rows are of one space that has one. */
    private static Optional<Benchmark> benchmark(List<Row> rows) {
        String space = rows.isEmpty() ? "" : rows.get(0).space();
        if (space.isEmpty() || !rows.stream().allMatch(r -> !r.benchmark().isEmpty() && r.space().equals(space))) {
            return Optional.empty();
        }
        return Spaces.byName(space).benchmark();
    }

    /** The names of the grid settings other than regularizer and seed, in the order of the rows. */
    private static List<String> axes(List<Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.settings().keySet()));
        return List.copyOf(names);
    }

    /** The first cells of a row: the label, then the value of each other grid axis (empty where it has none). */
    private static List<String> keyCells(Row r, List<String> axes) {
        List<String> cells = new ArrayList<>(List.of(r.label()));
        axes.forEach(a -> cells.add(r.settings().getOrDefault(a, "")));
        return cells;
    }

    /**
     * CSV: one row per group: the regularizer setting, a column per other grid axis, then each
     * statistic as a _mean and a _std column (empty when undefined).
     */
    public static String csv(List<Row> rows) {
        List<String> axes = axes(rows);
        List<String> header = new ArrayList<>(List.of("regularizer"));
        header.addAll(axes);
        header.addAll(List.of("runs", "search_valid_acc_mean",
                "search_valid_acc_std", "param_free_pct_mean", "param_free_pct_std", "alpha_var_mean", "alpha_var_std",
                "distinct_cells"));
        Optional<Benchmark> benchmark = benchmark(rows);
        benchmark.ifPresent(bench -> bench.columns()
                .forEach(c -> header.addAll(List.of(c.key() + "_mean", c.key() + "_std"))));
        StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
        for (Row r : rows) {
            List<String> f = new ArrayList<>(keyCells(r, axes).stream().map(Summary::csvText).toList());
            f.add(Integer.toString(r.runs()));
            for (MeanStd m : List.of(r.validAcc(), r.paramFree(), r.alphaVar())) {
                f.add(number(m.mean()));
                f.add(number(m.std()));
            }
            f.add(Integer.toString(r.distinctCells()));
            if (benchmark.isPresent()) {
                r.benchmark().values().forEach(m -> {
                    f.add(number(m.mean()));
                    f.add(number(m.std()));
                });
            }
            b.append(String.join(",", f)).append('\n');
        }
        return b.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The column titles of the readable table (Markdown, HTML). */
    public static List<String> columns(List<Row> rows) {
        List<String> header = new ArrayList<>(List.of("regularizer"));
        header.addAll(axes(rows));
        header.addAll(List.of("runs", "search valid acc %", "param-free ops %", "α variance", "distinct cells"));
        benchmark(rows).ifPresent(b -> b.columns().forEach(c -> header.add(c.title())));
        return header;
    }

    /** The cells of one row of the readable table, as {@code mean ± std} text. */
    public static List<String> cells(Row r, List<Row> rows) {
        List<String> f = keyCells(r, axes(rows));
        f.addAll(List.of(Integer.toString(r.runs()), r.validAcc().format("%.2f"), r.paramFree().format("%.1f"),
                r.alphaVar().format("%.3g"), Integer.toString(r.distinctCells())));
        if (benchmark(rows).isPresent()) {
            r.benchmark().values().forEach(m -> f.add(m.format("%.2f")));
        }
        return f;
    }

    /** What the columns of the readable table mean. */
    public static String legend(List<Row> rows) {
        String text = "Mean ± sample standard deviation over seeds. search valid acc: the supernet's accuracy on the "
                + "α half of the training images after the last epoch. param-free ops: share of none, skip_connect "
                + "and pooling among the found cell's ops. α variance: of all final α values. distinct cells: "
                + "different cells found by the seeds.";
        return benchmark(rows).map(b -> text + " " + b.legend()).orElse(text);
    }

    /** A Markdown table with mean ± std cells and a legend. */
    public static String markdown(List<Row> rows) {
        List<String> header = columns(rows);
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append(" --- |"));
        b.append('\n');
        for (Row r : rows) {
            b.append("| ").append(String.join(" | ", cells(r, rows))).append(" |\n");
        }
        return b.append('\n').append(legend(rows)).append('\n').toString();
    }
}
