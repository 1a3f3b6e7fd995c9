package org.betadarts.experiment.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.betadarts.experiment.RunRecord;
import org.betadarts.io.Json;
import org.betadarts.search.RunDirectory;

/**
 * Where each run of an experiment on Slurm stands, from its run directory (finished when it holds its
 * genotype; epochs done; resumes) and from Slurm's queue (the state of the newest task that ran it).
 */
public final class GridStatus {
    /** What a run is waiting for, if anything. */
    public enum State {
        DONE, RUNNING, QUEUED, FAILED, NOT_SUBMITTED, UNKNOWN;

        /** Lower case with spaces: {@code not submitted}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One run: its state, the task that ran it last ({@code JOBID_INDEX}, or null) and what else is known
     * (epochs done, resumes, Slurm's state and reason).
     */
    public record Cell(String run, State state, String task, String detail) {}

    private GridStatus() {}

    /**
     * The state of each run.
     *
     * @param tasks the newest task of each run ({@link Submissions#latestTasks})
     * @param queue Slurm's tasks ({@link SlurmQueue#parse}); null when Slurm could not be asked: then an
     *     unfinished submitted run is {@link State#UNKNOWN}
     */
    public static List<Cell> of(Path experiment, List<String> runs, Map<String, String> tasks,
            Map<String, SlurmQueue.Task> queue) {
        List<Cell> cells = new ArrayList<>();
        for (String run : runs) {
            Path dir = experiment.resolve(run);
            String task = tasks.get(run);
            SlurmQueue.Task slurm = task == null || queue == null ? null : queue.get(task);
            State state;
            if (RunRecord.isFinished(dir)) {
                state = State.DONE;
            } else if (task == null) {
                state = State.NOT_SUBMITTED;
            } else if (queue == null) {
                state = State.UNKNOWN;
            } else if (slurm != null && slurm.running()) {
                state = State.RUNNING;
            } else if (slurm != null && slurm.queued()) {
                state = State.QUEUED;
            } else {
                state = State.FAILED;
            }
            List<String> detail = new ArrayList<>(progress(dir));
            if (slurm != null) {
                detail.add(slurm.state() + (slurm.reason().isEmpty() || slurm.reason().equals("None") ? ""
                        : " (" + slurm.reason() + ")"));
            } else if (state == State.FAILED) {
                detail.add("no longer in Slurm's queue");
            }
            cells.add(new Cell(run, state, task, String.join(", ", detail)));
        }
        return cells;
    }

    /** {@code 3/4 epochs}, {@code resumed 2x}: what the run directory says of the run's progress. */
    private static List<String> progress(Path dir) {
        List<String> out = new ArrayList<>();
        Path config = dir.resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(config)) {
            return out;
        }
        try {
            JsonNode settings = Json.read(config, JsonNode.class).path("config");
            Path metrics = dir.resolve(RunDirectory.METRICS);
            long done = Files.exists(metrics) ? Files.readAllLines(metrics).stream().filter(l -> !l.isBlank()).count() : 0;
            out.add(done + "/" + settings.path("epochs").asInt() + " epochs");
            Path resumes = dir.resolve("resumes.jsonl");
            if (Files.exists(resumes)) {
                out.add("resumed " + Files.readAllLines(resumes).stream().filter(l -> !l.isBlank()).count() + "x");
            }
        } catch (IOException | RuntimeException e) {
            out.add("unreadable run directory: " + e.getMessage());
        }
        return out;
    }

    /** How many runs are in each state, in the order of {@link State}: {@code 3 done, 1 running}. */
    public static String counts(List<Cell> cells) {
        return Arrays.stream(State.values())
                .filter(s -> cells.stream().anyMatch(c -> c.state() == s))
                .map(s -> cells.stream().filter(c -> c.state() == s).count() + " " + s.text())
                .collect(Collectors.joining(", "));
    }

    /** A table: run, state, task, detail; columns aligned. */
    public static String table(List<Cell> cells) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "state", "slurm task", "detail"});
        cells.forEach(c -> rows.add(new String[] {c.run(), c.state().text(), c.task() == null ? "-" : c.task(),
            c.detail()}));
        int[] width = new int[3];
        rows.forEach(r -> {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        });
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < width.length; i++) {
                b.append(String.format("%-" + width[i] + "s  ", r[i]));
            }
            b.append(r[3]).append('\n');
        }
        return b.toString().replaceAll(" +\n", "\n");
    }
}
