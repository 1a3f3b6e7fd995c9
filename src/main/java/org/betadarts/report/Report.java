package org.betadarts.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.RunRecord;
import org.betadarts.io.UserError;
import org.betadarts.regularize.Regularizers;

/**
 * The HTML report of a run directory or of an experiment directory (a folder of run directories),
 * made from their files alone: {@code index.html} (self-contained: inline SVG charts and cell
 * drawings, no scripts, no external resources) and every chart as {@code charts/NAME.png}. An
 * experiment's report also holds one page per run under {@code runs/NAME/}.
 */
public final class Report {
    /** The folder a report goes to when none is given: {@code report/} inside the input. */
    public static final String DEFAULT_DIR = "report";

    private Report() {}

    /** Writes the report of {@code input} into {@code out}; returns the path of its index.html. */
    public static Path write(Path input, Path out) {
        if (!Files.isDirectory(input)) {
            throw new UserError("not a directory: " + input);
        }
        if (RunRecord.isRun(input)) {
            return RunPage.write(RunRecord.read(input), out);
        }
        List<RunRecord> runs = runsIn(input);
        if (runs.isEmpty()) {
            throw new UserError(input + " is neither a run directory nor an experiment directory (no run directories in it)");
        }
        return ExperimentPage.write(input, runs, out);
    }

    /**
     * The run directories directly inside {@code dir}, in the order the experiment ran them (its
     * {@link Experiment#RECORD}); runs it does not list, or all in an experiment without the record,
     * follow in the order of the regularizer names, then by label and seed.
     */
    static List<RunRecord> runsIn(Path dir) {
        List<RunRecord> runs;
        try (Stream<Path> s = Files.list(dir)) {
            runs = new ArrayList<>(s.filter(Files::isDirectory).filter(RunRecord::isRun).sorted().map(RunRecord::read).toList());
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<String> ran = Experiment.recordedRuns(dir);
        runs.sort(Comparator.comparingInt((RunRecord r) -> position(ran, r.dir().getFileName().toString()))
                .thenComparingInt(r -> position(Regularizers.names(), r.regularizer()))
                .thenComparing(RunRecord::label).thenComparingLong(RunRecord::seed));
        return runs;
    }

    private static int position(List<String> list, String name) {
        int i = list.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
