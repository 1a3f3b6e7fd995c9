package org.betadarts.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.RunRecord;
import org.betadarts.experiment.Summary;

/**
 * The report page of an experiment: the summary table, for a grid over epochs or data size the
 * {@link DependenceCharts}, the collapse indicators and training curves
 * with one line per setting (a regularizer with the other grid axes; mean over seeds), the found cells of every run, and a page
 * per run under {@code runs/NAME/}.
 */
final class ExperimentPage {
    private ExperimentPage() {}

    static Path write(Path experiment, List<RunRecord> runs, Path dir) {
        Map<String, Map<String, String>> settings = Experiment.recordedSettings(experiment);
        Map<String, List<RunRecord>> groups = Summary.groups(runs, settings);
        Html page = new Html("Experiment " + experiment.toAbsolutePath().normalize().getFileName(), dir);
        page.paragraph(runs.size() + " runs in " + groups.size() + " settings. Settings of the first run: "
                + RunPage.settings(runs.get(0)));
        page.heading(2, "Summary");
        List<Summary.Row> rows = Summary.compute(runs, settings);
        if (rows.isEmpty()) {
            page.paragraph("No run has finished yet.");
        } else {
            page.table(Summary.columns(rows), rows.stream().map(r -> Summary.cells(r, rows)).toList());
            page.note(Summary.legend(rows));
        }
        List<LineChart> dependence = DependenceCharts.of(rows);
        if (!dependence.isEmpty()) {
            page.heading(2, "Dependence on search length and data");
            page.note("One line per regularizer setting, each point a row of the summary: mean ± sample standard "
                    + "deviation over its seeds. An axis value that is not a positive number (max-train 0: all "
                    + "images) is left out.");
            page.beginGrid();
            dependence.forEach(c -> page.chart(c, 560, 320));
            page.endGrid();
        }
        page.heading(2, "Collapse indicators");
        page.note("One line per setting, the mean over its seeds; computed from α after each epoch "
                + "(epoch 0: the initial α).");
        page.beginGrid();
        GroupCharts.collapse(groups).forEach(c -> page.chart(c, 560, 320));
        page.endGrid();
        page.heading(2, "Training");
        page.beginGrid();
        GroupCharts.training(groups).forEach(c -> page.chart(c, 560, 320));
        page.endGrid();
        page.heading(2, "Found cells");
        int id = 0;
        for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
            page.heading(3, g.getKey());
            page.beginGrid();
            for (RunRecord r : g.getValue()) {
                String name = r.dir().getFileName().toString();
                String link = "runs/" + name + "/index.html";
                RunPage.write(r, dir.resolve("runs").resolve(name));
                String cellId = "cell" + id++;
                StringBuilder fig = new StringBuilder("<figure>");
                if (r.finished()) {
                    CellDiagram.edges(r.space(), r.genotype()).ifPresent(edges ->
                            fig.append(CellDiagram.svg(CellDiagram.nodes(edges), edges, r.ops(), cellId)));
                }
                fig.append("<figcaption><a href=\"").append(Html.escape(link)).append("\">seed ").append(r.seed())
                        .append("</a>: <code>").append(Html.escape(r.finished() ? r.genotype() : "unfinished"))
                        .append("</code></figcaption></figure>");
                page.raw(fig.toString());
            }
            page.endGrid();
        }
        return page.write();
    }
}
