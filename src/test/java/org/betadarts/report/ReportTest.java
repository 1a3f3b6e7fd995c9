package org.betadarts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.RunFixtures;
import org.betadarts.io.UserError;
import org.betadarts.search.StopRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    static final String CELL = "|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|";

    @TempDir
    Path tmp;

    static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** Every src and href on the page points into the report folder or within the page. */
    static void assertSelfContained(String html) {
        Matcher m = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            String target = m.group(1);
            assertFalse(target.contains(":") || target.startsWith("/") || target.contains(".."), "external: " + target);
        }
        for (String banned : List.of("<script", "<link", "@import", "url(http", "<iframe")) {
            assertFalse(html.contains(banned), banned);
        }
    }

    static void assertPngs(Path dir, int expected) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("charts"))) {
            List<Path> pngs = s.toList();
            assertEquals(expected, pngs.size(), pngs.toString());
            for (Path p : pngs) {
                byte[] head = Files.readAllBytes(p);
                assertEquals((byte) 0x89, head[0]);
                assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), p.toString());
            }
        }
    }

    @Test
    void runPageHasItsChartsTheCellAndNothingExternal() throws Exception {
        Path run = RunFixtures.nb201Run(tmp.resolve("run"), "none", null, 0, CELL, 0.3, 0.5, 0.6);
        Path out = tmp.resolve("out");
        Path index = Report.write(run, out);
        assertEquals(out.resolve("index.html"), index);
        String html = Files.readString(index);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        // collapse: param-free, α mean, α variance, logsumexp (no Hessian tracked), op share;
        // six edges; losses, accuracies, regularizer weight
        int charts = 4 + 1 + 6 + 3;
        assertEquals(charts, count(html, "<figure class=\"chart\">"));
        assertEquals(charts + 1, count(html, "<svg"), "every chart and the cell");
        assertEquals(1, count(html, "class=\"cell\""));
        assertTrue(html.contains("Edge 3 ← 2"));
        assertTrue(html.contains(CELL));
        assertTrue(html.contains("index "), "the benchmark row");
        assertFalse(html.contains("Hessian"), "no eigenvalue chart when not tracked");
        assertSelfContained(html);
        assertPngs(out, charts);
    }

    @Test
    void experimentPageComparesRegularizersAndLinksEveryRun() throws Exception {
        Path exp = tmp.resolve("exp");
        RunFixtures.nb201Run(exp.resolve("none-seed0"), "none", null, 0, CELL, 0.3, 0.5);
        RunFixtures.nb201Run(exp.resolve("none-seed1"), "none", null, 1, CELL, 0.4, 0.6);
        RunFixtures.nb201Run(exp.resolve("beta-decay-seed0"), "beta-decay", null, 0, CELL, 0.4, 0.7);
        RunFixtures.nb201Run(exp.resolve("beta-decay-seed1"), "beta-decay", null, 1, null, 0.4);
        Path index = Report.write(exp, exp.resolve(Report.DEFAULT_DIR));
        String html = Files.readString(index);
        assertTrue(html.contains("<table>"), "summary table");
        assertTrue(html.contains("none</td><td>2</td>"), "none has two finished runs");
        // param-free, α mean, α variance, logsumexp, Hessian (beta-decay tracked it); accuracy, validation
        // loss, training loss
        assertEquals(8, count(html, "<figure class=\"chart\">"));
        assertTrue(html.contains("Dominant eigenvalue"));
        assertEquals(3, count(html, "class=\"cell\""), "one drawing per finished run");
        assertTrue(html.contains("unfinished"));
        assertEquals(List.of("none-seed0", "none-seed1", "beta-decay-seed0", "beta-decay-seed1"), linkedRuns(html),
                "without the experiment's record: in the order of the regularizer names, then by seed");
        for (String run : List.of("none-seed0", "none-seed1", "beta-decay-seed0", "beta-decay-seed1")) {
            assertTrue(Files.exists(exp.resolve("report/runs/" + run + "/index.html")), run);
        }
        assertSelfContained(html);
        assertPngs(exp.resolve("report"), 8);
        // the chart of α mean has one line per regularizer: their names are in its legend
        String svg = html.substring(html.indexOf("Mean of α"));
        svg = svg.substring(0, svg.indexOf("</svg>"));
        assertTrue(svg.contains(">none<") && svg.contains(">beta-decay<"), "legend of the α mean chart");

        Assumptions.assumeTrue(chromium(), "chromium is not installed: the browser check is skipped");
        Path shot = tmp.resolve("shot.png");
        Process p = new ProcessBuilder("scripts/check-report.sh", index.toString(), shot.toString(), "1200x2000")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(Files.size(shot) > 10_000, output);
    }

    static boolean chromium() {
        return Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "chromium")) || Files.isExecutable(Path.of(d, "chromium-browser")));
    }

    @Test
    void aFolderWithoutRunsIsAUserError() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        UserError e = assertThrows(UserError.class, () -> Report.write(empty, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("neither a run directory nor an experiment directory"), e.getMessage());
    }

    /** Runs the plan in {@code exp} with finished fake runs of two epochs instead of searches. */
    private static void runFixtures(Path exp, List<Experiment.Run> plan, int parallel) {
        Experiment.run(exp, plan, (run, dir, resume) -> {
            try {
                RunFixtures.nb201Run(dir, run.regularizer(), run.weight(), run.seed(), CELL, 0.4, 0.6);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, parallel, StopRequest.NEVER, new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void gridExperimentPageHasARowPerCombination() throws Exception {
        Path exp = tmp.resolve("grid");
        List<Experiment.Run> plan = Experiment.plan(List.of("l2", "beta-decay"),
                List.of(Experiment.Axis.parse("epochs=2,4")), List.of(0L, 1L));
        runFixtures(exp, plan, 2);
        String html = Files.readString(Report.write(exp, exp.resolve(Report.DEFAULT_DIR)));
        assertTrue(html.contains("8 runs in 4 settings"), html);
        for (String row : List.of("<td>l2</td><td>2</td><td>2</td>", "<td>l2</td><td>4</td><td>2</td>",
                "<td>beta-decay</td><td>4</td><td>2</td>")) {
            assertTrue(html.replaceAll(">\\s+<", "><").contains(row), row);
        }
        assertTrue(html.contains("beta-decay epochs=4"), "groups are named by their settings");
        assertEquals(8, linkedRuns(html).size());
    }

    @Test
    void experimentPageListsTheRunsInTheOrderTheyRan() throws Exception {
        Path exp = tmp.resolve("exp");
        List<Experiment.Run> plan = Experiment.plan(List.of("l2", "beta-decay"), List.of(1L, 0L));
        runFixtures(exp, plan, 1);
        RunFixtures.nb201Run(exp.resolve("none-seed0"), "none", null, 0, CELL, 0.5);
        String html = Files.readString(Report.write(exp, exp.resolve(Report.DEFAULT_DIR)));
        assertEquals(List.of("l2-seed1", "l2-seed0", "beta-decay-seed1", "beta-decay-seed0", "none-seed0"),
                linkedRuns(html), "the experiment's runs as it ran them, then a run it does not list");
        int l2 = html.indexOf("<td>l2</td>");
        int beta = html.indexOf("<td>beta-decay</td>");
        assertTrue(l2 >= 0 && l2 < beta && beta < html.indexOf("<td>none</td>"), "summary rows in the same order");
    }

    /** The run pages the page links to, in order. */
    static List<String> linkedRuns(String html) {
        Matcher m = Pattern.compile("href=\"runs/([^/\"]+)/index\\.html\"").matcher(html);
        List<String> runs = new java.util.ArrayList<>();
        while (m.find()) {
            runs.add(m.group(1));
        }
        return runs;
    }
}
