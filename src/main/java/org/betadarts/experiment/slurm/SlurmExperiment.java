package org.betadarts.experiment.slurm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.Summary;
import org.betadarts.io.AtomicFiles;
import org.betadarts.io.UserError;

/**
 * An experiment's searches as one Slurm job array: each call collects what has finished, writes the
 * summary once every run has, and otherwise submits the runs that are neither finished nor queued
 * nor running, as {@code DIR/slurm/array.sbatch} ({@link BatchScript}), recording the job in
 * {@link Submissions}. Calling it again after tasks failed or were stopped submits them again; they
 * resume from their checkpoints.
 */
public final class SlurmExperiment {
    /** The folder of the experiment directory with the batch script, the job record and the tasks' output. */
    public static final String DIR = "slurm";
    public static final String SCRIPT = "array.sbatch";

    /** Slurm's commands, as this machine runs them ({@link SlurmCommands}) or as a test fakes them. */
    public interface Commands {
        /** Submits a batch script; returns the job id. */
        String submit(Path script);

        /** The output of {@link SlurmQueue#COMMAND}. */
        String queue();
    }

    /**
     * What a call did.
     *
     * @param cells every run's state before anything was submitted
     * @param job the id of the array submitted now; null when none was
     * @param rows the summary, written when every run had finished; null otherwise
     */
    public record Outcome(List<GridStatus.Cell> cells, String job, List<Summary.Row> rows) {}

    private SlurmExperiment() {}

    /**
     * Collects and submits (see the class comment).
     *
     * @param arguments the options of each run's {@code betadarts search}
     * @param submit false: write the script but do not submit it
     */
    public static Outcome launch(Path root, List<Experiment.Run> plan, Map<Experiment.Run, List<String>> arguments,
            SlurmSettings settings, BatchScript.Program program, Commands slurm, boolean submit, PrintStream log) {
        Path experiment = root.toAbsolutePath().normalize();
        if (experiment.toString().matches(".*\\s.*")) {
            throw new UserError("the experiment directory " + experiment + " has a space in its path, which #SBATCH "
                    + "lines cannot hold: choose another");
        }
        Experiment.prepare(experiment, plan);
        List<String> names = plan.stream().map(Experiment.Run::dirName).toList();
        List<Submissions.Job> jobs = Submissions.read(experiment);
        Map<String, SlurmQueue.Task> queue = jobs.isEmpty() ? Map.of() : SlurmQueue.parse(slurm.queue());
        List<GridStatus.Cell> cells = GridStatus.of(experiment, names, Submissions.latestTasks(jobs), queue);
        log.println("experiment: " + GridStatus.counts(cells));
        if (cells.stream().allMatch(c -> c.state() == GridStatus.State.DONE)) {
            List<Summary.Row> rows = Experiment.summarize(experiment, plan);
            log.println("experiment: every run has finished; summary in " + experiment.resolve(Summary.MARKDOWN)
                    + " and " + Summary.CSV);
            return new Outcome(cells, null, rows);
        }
        List<BatchScript.Task> tasks = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            GridStatus.State state = cells.get(i).state();
            if (state == GridStatus.State.NOT_SUBMITTED || state == GridStatus.State.FAILED) {
                tasks.add(new BatchScript.Task(i, names.get(i), arguments.get(plan.get(i))));
            }
        }
        if (tasks.isEmpty()) {
            log.println("experiment: nothing to submit, the unfinished runs are queued or running; follow them with: "
                    + "betadarts experiment --status " + root);
            return new Outcome(cells, null, null);
        }
        Path script = experiment.resolve(DIR).resolve(SCRIPT);
        try {
            Files.createDirectories(experiment.resolve(DIR).resolve("logs"));
        } catch (IOException e) {
            throw new UserError("cannot create " + experiment.resolve(DIR) + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(script, BatchScript.text(experiment, settings, tasks, program));
        if (!submit) {
            log.println("experiment: wrote " + script + " (" + tasks.size() + " tasks); not submitted");
            return new Outcome(cells, null, null);
        }
        String job = slurm.submit(script);
        Map<Integer, String> byIndex = new LinkedHashMap<>();
        tasks.forEach(t -> byIndex.put(t.index(), t.run()));
        Submissions.append(experiment, new Submissions.Job(job, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                byIndex));
        log.println("experiment: submitted job " + job + ": " + tasks.size() + " array tasks ("
                + BatchScript.array(new ArrayList<>(byIndex.keySet())) + ") from " + script);
        log.println("experiment: follow it with: betadarts experiment --status " + root + "   (or squeue -j " + job
                + "); output in " + experiment.resolve(DIR).resolve("logs") + "; run this command again once they "
                + "have ended to write the summary");
        return new Outcome(cells, job, null);
    }

    /** Every run's state, with the queue when Slurm answers (otherwise from the run directories alone). */
    public static List<GridStatus.Cell> status(Path root, Commands slurm, PrintStream log) {
        List<String> names = Experiment.recordedRuns(root);
        if (names.isEmpty()) {
            throw new UserError(root + " is not an experiment directory (no " + Experiment.RECORD + ")");
        }
        List<Submissions.Job> jobs = Submissions.read(root);
        Map<String, SlurmQueue.Task> queue = Map.of();
        if (!jobs.isEmpty()) {
            try {
                queue = SlurmQueue.parse(slurm.queue());
            } catch (UserError e) {
                log.println("experiment: " + e.getMessage() + "; the states come from the run directories alone");
                queue = null;
            }
        }
        return GridStatus.of(root, names, Submissions.latestTasks(jobs), queue);
    }
}
