package org.betadarts.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.betadarts.experiment.RunRecord;
import org.betadarts.io.UserError;

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

    /** The run directories directly inside {@code dir}, by name. */
    static List<RunRecord> runsIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(RunRecord::isRun).sorted().map(RunRecord::read).toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
