package org.betadarts.experiment.slurm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Slurm says of the tasks of job arrays, read from {@code squeue -h -t all -r -o %F|%K|%T|%r}
 * ({@link #COMMAND}): one line per task, its array job's id, its index, its state and the reason.
 * Without slurmdbd ({@code sacct} fails then) squeue knows finished tasks for {@code MinJobAge}
 * seconds only; older ones are absent, and the run directories tell the rest.
 */
public final class SlurmQueue {
    /** The command whose output {@link #parse} reads. */
    public static final List<String> COMMAND = List.of("squeue", "-h", "-t", "all", "-r", "-o", "%F|%K|%T|%r");

    /** States of a task that has not ended: it waits or runs. */
    private static final List<String> WAITING = List.of("PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
            "CONFIGURING", "RESIZING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "SPECIAL_EXIT");
    private static final List<String> RUNNING = List.of("RUNNING", "COMPLETING");

    /** One task: the state as squeue names it and the reason (None when there is none). */
    public record Task(String state, String reason) {
        /** Waiting to start or to start again. */
        public boolean queued() {
            return WAITING.contains(state);
        }

        public boolean running() {
            return RUNNING.contains(state);
        }

        /** Still in Slurm's hands: queued or running. */
        public boolean active() {
            return queued() || running();
        }
    }

    private SlurmQueue() {}

    /**
     * The tasks by {@code JOBID_INDEX}. A line whose index is a range ({@code 0-5%2}, {@code [3,7-9]},
     * as squeue shows a pending array without {@code -r}) gives every index of it; lines of jobs that are
     * not arrays ({@code N/A}) and lines that are not of this form are passed over.
     */
    public static Map<String, Task> parse(String output) {
        Map<String, Task> tasks = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length != 4 || !f[0].matches("\\d+")) {
                continue;
            }
            Task task = new Task(f[2].strip(), f[3].strip());
            String spec = f[1].replaceAll("[\\[\\]]", "").replaceAll("%\\d+$", "");
            for (String part : spec.split(",")) {
                String[] range = part.split("-");
                if (!part.matches("\\d+(-\\d+)?")) {
                    continue;
                }
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                for (int i = from; i <= to; i++) {
                    tasks.put(f[0] + "_" + i, task);
                }
            }
        }
        return tasks;
    }
}
