package org.betadarts.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.MeanStd;
import org.betadarts.experiment.RunFixtures;
import org.betadarts.experiment.Summary;
import org.betadarts.space.nb201.Nb201Table;
import org.betadarts.space.nb201.Nb201Genotype;
import org.jfree.data.xy.IntervalXYDataset;
import org.betadarts.search.StopRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependenceChartsTest {
    /** Three cells with 1/6, 3/6 and 6/6 parameter-free ops. */
    static final List<String> CELLS = List.of(
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
            ReportTest.CELL,
            "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|");

    @TempDir
    Path tmp;

    /** The fixture's cell of a run: differs with the seed, the epochs, the data size and the regularizer. */
    static String cell(Experiment.Run run) {
        int i = (int) run.seed() + Integer.parseInt(run.settings().get("epochs")) / 2
                + (run.settings().get("max-train").equals("200") ? 1 : 0) + (run.regularizer().equals("none") ? 1 : 0);
        return CELLS.get(i % CELLS.size());
    }

    private Path experiment() {
        Path exp = tmp.resolve("grid");
        List<Experiment.Run> plan = Experiment.plan(List.of("none", "beta-decay"),
                List.of(Experiment.Axis.parse("epochs=4,2"), Experiment.Axis.parse("max-train=100,200")),
                List.of(0L, 1L));
        Experiment.run(exp, plan, (run, dir, resume) -> {
            try {
                RunFixtures.nb201Run(dir, run, cell(run), 0.5, 0.1 * run.seed() + 0.01 * Integer.parseInt(
                        run.settings().get("epochs")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 1, StopRequest.NEVER, new PrintStream(OutputStream.nullOutputStream()));
        return exp;
    }

    @Test
    void pointsAreTheSummaryRowsOnePerRegularizerAndOtherAxisSortedByTheAxis() {
        Path exp = experiment();
        List<Summary.Row> rows = Summary.compute(Report.runsIn(exp), Experiment.recordedSettings(exp));
        assertEquals(8, rows.size());
        List<LineChart> charts = DependenceCharts.of(rows);
        assertEquals(List.of("dependence-epochs-accuracy", "dependence-epochs-param-free",
                "dependence-max-train-accuracy", "dependence-max-train-param-free"),
                charts.stream().map(LineChart::file).toList());
        LineChart epochsAcc = charts.get(0);
        assertTrue(epochsAcc.title().startsWith("NAS-Bench-201 CIFAR-10 test"), epochsAcc.title());
        assertEquals(List.of("none max-train=100", "none max-train=200", "beta-decay max-train=100",
                "beta-decay max-train=200"), epochsAcc.series().stream().map(LineChart.Series::name).toList());
        assertEquals(List.of("none epochs=4", "none epochs=2", "beta-decay epochs=4", "beta-decay epochs=2"),
                charts.get(2).series().stream().map(LineChart.Series::name).toList());
        int points = 0;
        for (LineChart chart : charts) {
            String axis = chart.file().contains("epochs") ? "epochs" : "max-train";
            for (LineChart.Series s : chart.series()) {
                assertArrayEquals(axis.equals("epochs") ? new double[] {2, 4} : new double[] {100, 200}, s.x(),
                        "sorted by the axis value although the grid gave epochs=4,2");
                for (int i = 0; i < s.x().length; i++) {
                    Summary.Row row = rowAt(rows, s.name(), axis, s.x()[i]);
                    MeanStd expected = chart.file().endsWith("accuracy") ? row.benchmark().get("cifar10_test")
                            : row.paramFree();
                    assertEquals(expected.mean(), s.y()[i], 0, chart.file() + " " + s.name());
                    assertEquals(expected.std(), s.std()[i], 0, chart.file() + " " + s.name());
                    points++;
                }
            }
        }
        assertEquals(4 * 8, points, "every row is a point of each chart");
    }

    /** The summary row of a line's point: its label and other settings from the line's name, the axis at x. */
    private static Summary.Row rowAt(List<Summary.Row> rows, String line, String axis, double x) {
        return rows.stream().filter(r -> DependenceCharts.x(r, axis) == x).filter(r -> {
            Map<String, String> others = new java.util.LinkedHashMap<>(r.settings());
            others.remove(axis);
            return Summary.groupName(r.label(), others).equals(line);
        }).findFirst().orElseThrow();
    }

    @Test
    void aPointIsTheMeanAndSampleStdOfTheSeedsCells() {
        Path exp = experiment();
        List<Summary.Row> rows = Summary.compute(Report.runsIn(exp), Experiment.recordedSettings(exp));
        LineChart.Series s = DependenceCharts.of(rows).get(0).series().get(2); // beta-decay max-train=100
        assertEquals("beta-decay max-train=100", s.name());
        // epochs 2: seeds 0 and 1 found CELLS[1] and CELLS[2] (cell(run)), epochs 4: CELLS[2] and CELLS[0]
        double a = c10(CELLS.get(1));
        double b = c10(CELLS.get(2));
        assertEquals((a + b) / 2, s.y()[0], 1e-9);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), s.std()[0], 1e-9);
        LineChart.Series free = DependenceCharts.of(rows).get(1).series().get(2);
        assertEquals((100 + 100.0 / 6) / 2, free.y()[1], 1e-9, "epochs 4: all six ops and one of six parameter-free");
    }

    private static double c10(String cell) {
        return Nb201Table.load().lookup(Nb201Genotype.parse(cell)).cifar10Test();
    }

    @Test
    void outsideNasBench201TheAccuracyIsTheSupernetsAndZeroDataIsLeftOut() {
        MeanStd acc = MeanStd.of(60, 70);
        MeanStd free = MeanStd.of(25, 50);
        List<Summary.Row> rows = List.of(
                new Summary.Row("none", Map.of("max-train", "0"), 2, acc, free, acc, 2, "darts", Map.of()),
                new Summary.Row("none", Map.of("max-train", "500"), 2, acc, free, acc, 2, "darts", Map.of()));
        List<LineChart> charts = DependenceCharts.of(rows);
        assertEquals(2, charts.size(), "no epochs axis: the data size charts only");
        assertTrue(charts.get(0).title().startsWith("Supernet accuracy"), charts.get(0).title());
        assertArrayEquals(new double[] {500}, charts.get(0).series().get(0).x());
        assertArrayEquals(new double[] {65}, charts.get(0).series().get(0).y());
        assertTrue(DependenceCharts.of(List.of(new Summary.Row("none", Map.of("lr", "0.1"), 2, acc, free, acc, 2,
                "darts", Map.of()))).isEmpty(), "no chart without an epochs or max-train axis");
    }

    @Test
    void theDrawnChartHasErrorBarsOfOneStdAndThePageShowsIt() throws Exception {
        Path exp = experiment();
        List<Summary.Row> rows = Summary.compute(Report.runsIn(exp), Experiment.recordedSettings(exp));
        LineChart spec = DependenceCharts.of(rows).get(1);
        IntervalXYDataset data = (IntervalXYDataset) Charts.build(spec).getXYPlot().getDataset();
        LineChart.Series s = spec.series().get(0);
        for (int i = 0; i < s.x().length; i++) {
            assertEquals(s.y()[i] - s.std()[i], data.getStartYValue(0, i), 1e-9);
            assertEquals(s.y()[i] + s.std()[i], data.getEndYValue(0, i), 1e-9);
        }
        String html = Files.readString(Report.write(exp, exp.resolve(Report.DEFAULT_DIR)));
        assertTrue(html.contains("Dependence on search length and data"));
        assertTrue(html.contains("against epochs") && html.contains("against max-train"));
        // param-free, α mean, α variance, logsumexp, Hessian; accuracy, validation and training loss; 4 dependence
        assertEquals(8 + 4, ReportTest.count(html, "<figure class=\"chart\">"));
        ReportTest.assertPngs(exp.resolve(Report.DEFAULT_DIR), 12);
        assertFalse(Files.readString(Report.write(tmp.resolve("grid/none-epochs4-max-train100-seed0"),
                tmp.resolve("run"))).contains("Dependence"), "a run's page has none");
    }
}
