package org.betadarts.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.betadarts.experiment.RunRecord;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;

/** The report page of one search run. */
final class RunPage {
    private RunPage() {}

    static Path write(RunRecord r, Path dir) {
        Html page = new Html("Search run " + r.dir().getFileName(), dir);
        page.paragraph(settings(r));
        cell(page, r, "cell");
        page.heading(2, "Collapse indicators");
        page.note("Computed from α after each epoch (epoch 0: the initial α). Parameter-free ops: none, "
                + "skip_connect, pooling. A collapsing search moves the softmax weight onto them.");
        page.beginGrid();
        for (LineChart c : GroupCharts.collapse(Map.of(r.label(), List.of(r)))) {
            page.chart(c, 560, 320);
        }
        page.chart(opShares(r), 560, 320);
        page.endGrid();
        page.heading(2, "softmax(α) per edge");
        page.beginGrid();
        for (LineChart c : edgeCharts(r)) {
            page.chart(c, 380, 260);
        }
        page.endGrid();
        page.heading(2, "Losses and accuracies");
        page.beginGrid();
        page.chart(LineChart.of("losses", "Losses", "cross-entropy", List.of(metric(r, "weight steps", "train_loss"),
                metric(r, "α steps", "arch_loss"), metric(r, "supernet on the α half", "valid_loss"))), 560, 320);
        page.chart(LineChart.of("accuracies", "Accuracies", "accuracy", List.of(metric(r, "weight steps", "train_acc"),
                metric(r, "α steps", "arch_acc"), metric(r, "supernet on the α half", "valid_acc"))), 560, 320);
        page.chart(LineChart.of("regularizer-weight", "Regularizer weight", "weight",
                List.of(metric(r, "λ", "lambda"), metric(r, "β (auxiliary skip)", "beta"))), 560, 320);
        page.endGrid();
        return page.write();
    }

    static String settings(RunRecord r) {
        var c = r.config();
        int done = r.metrics().size();
        return String.format(Locale.ROOT, "%s space, %s (%s training images), regularizer %s, seed %d, "
                        + "%d of %d epochs%s, batch %d, C=%d, N=%d.",
                r.space(), c.path("dataset").asText(), c.path("maxTrain").asInt() == 0 ? "all" : c.path("maxTrain").asText(),
                r.label(), r.seed(), done, c.path("epochs").asInt(), r.finished() ? "" : " (unfinished)",
                c.path("batchSize").asInt(), c.path("channels").asInt(), c.path("cells").asInt());
    }

    /** The found cell: drawing, text and, on NAS-Bench-201, its row of the benchmark. */
    static void cell(Html page, RunRecord r, String id) {
        page.heading(2, "Found cell");
        if (!r.finished()) {
            page.paragraph("The run has not finished: no cell yet.");
            return;
        }
        CellDiagram.edges(r.space(), r.genotype()).ifPresent(edges ->
                page.raw("<figure>" + CellDiagram.svg(CellDiagram.nodes(edges), edges, r.ops(), id) + "</figure>"));
        page.raw("<p><code>" + Html.escape(r.genotype()) + "</code></p>");
        SearchSpace space = Spaces.byName(r.space());
        space.benchmark().ifPresent(b -> {
            List<List<String>> table = b.table(space.training().parse(r.genotype()));
            page.table(table.get(0), table.subList(1, table.size()));
        });
    }

    private static LineChart.Series metric(RunRecord r, String name, String metric) {
        return new LineChart.Series(name, r.metric("epoch"), r.metric(metric));
    }

    /** The mean softmax weight of each op over all edges. */
    private static LineChart opShares(RunRecord r) {
        List<LineChart.Series> series = new ArrayList<>();
        for (String op : r.ops()) {
            series.add(new LineChart.Series(op, RunSeries.alphaEpochs(r),
                    RunSeries.alpha(r, a -> RunSeries.opShare(a, r.ops(), op))));
        }
        return LineChart.of("op-share", "Softmax weight of each op (mean over edges)", "weight", series);
    }

    private static List<LineChart> edgeCharts(RunRecord r) {
        List<LineChart> charts = new ArrayList<>();
        if (r.alphas().isEmpty()) {
            return charts;
        }
        SearchSpace space = Spaces.byName(r.space());
        List<float[][]> first = r.alphas().get(0);
        for (int t = 0; t < first.size(); t++) {
            for (int e = 0; e < first.get(t).length; e++) {
                List<LineChart.Series> series = new ArrayList<>();
                for (int o = 0; o < r.ops().size(); o++) {
                    int tensor = t;
                    int edge = e;
                    int op = o;
                    series.add(new LineChart.Series(r.ops().get(o), RunSeries.alphaEpochs(r),
                            RunSeries.alpha(r, a -> RunSeries.edgeWeight(a, tensor, edge, op))));
                }
                String tensorName = r.tensorNames().get(t);
                charts.add(LineChart.of("edge-" + tensorName + "-" + e, space.edgeTitle(tensorName, e), "softmax(α)",
                        series));
            }
        }
        return charts;
    }
}
