package org.betadarts.experiment.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.StoppedOnRequest;

/**
 * The text of an experiment's batch script: one Slurm job array whose task {@code i} runs the search
 * of the experiment's run {@code i} (its place in {@code experiment.json}) into its run directory,
 * with {@code search --resume} when the directory holds a checkpoint. SIGUSR1 before the time limit
 * goes to the search, which writes a checkpoint and exits with {@value StoppedOnRequest#EXIT_CODE}; with
 * requeue the task then requeues itself and its restart resumes.
 */
public final class BatchScript {
    /** One task of the array: the run's index in the experiment, its directory's name and its search options. */
    public record Task(int index, String run, List<String> searchArgs) {
        public Task {
            searchArgs = List.copyOf(searchArgs);
        }
    }

    /**
     * How to start the program on a node.
     *
     * @param java the java executable and its options (the thread count is added)
     * @param classPath the class path
     * @param mainClass the command line's class
     */
    public record Program(List<String> java, String classPath, String mainClass) {
        public Program {
            java = List.copyOf(java);
        }
    }

    private BatchScript() {}

    /**
     * The script.
     *
     * @param experiment the experiment directory, absolute (the tasks' output goes to its {@code slurm/logs})
     */
    public static String text(Path experiment, SlurmSettings s, List<Task> tasks, Program program) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a job array needs a task");
        }
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("# The searches of the experiment in ").append(experiment).append(", one array task per run\n")
                .append("# that had not finished when it was submitted (task i: run i of experiment.json).\n")
                .append("# Written by 'betadarts experiment --launcher slurm'; running that command again submits\n")
                .append("# what is missing. A task resumes its run from its newest checkpoint when there is one.\n");
        List<String> sbatch = new ArrayList<>();
        sbatch.add("--job-name=betadarts-" + experiment.getFileName());
        sbatch.add("--array=" + array(tasks.stream().map(Task::index).toList())
                + (s.maxRunning() == null ? "" : "%" + s.maxRunning()));
        sbatch.add("--output=" + experiment.resolve(SlurmExperiment.DIR).resolve("logs") + "/%A_%a.out");
        sbatch.add("--open-mode=append");
        sbatch.add("--signal=B:USR1@" + s.signalSeconds());
        sbatch.add("--cpus-per-task=" + s.cpusPerTask());
        optional(sbatch, "--partition=", s.partition());
        optional(sbatch, "--time=", s.time());
        optional(sbatch, "--gpus-per-task=", s.gpusPerTask());
        optional(sbatch, "--mem=", s.mem());
        if (s.requeue()) {
            sbatch.add("--requeue");
        }
        sbatch.addAll(s.extra());
        sbatch.forEach(option -> b.append("#SBATCH ").append(option).append('\n'));
        b.append("\nset -u\n");
        b.append("EXPERIMENT=").append(quote(experiment.toString())).append('\n');
        b.append("JAVA=(").append(words(program.java())).append(")\n");
        b.append("CLASS_PATH=").append(quote(program.classPath())).append('\n');
        b.append("\ncase \"${SLURM_ARRAY_TASK_ID:-}\" in\n");
        for (Task t : tasks) {
            b.append("  ").append(t.index()).append(") RUN=").append(quote(t.run())).append("; ARGS=(")
                    .append(words(t.searchArgs())).append(") ;;\n");
        }
        b.append("  *) echo \"task ${SLURM_ARRAY_TASK_ID:-?} is not a run of this experiment\" >&2; exit 2 ;;\nesac\n");
        b.append("""

                DIR="$EXPERIMENT/$RUN"
                THREADS=${SLURM_CPUS_PER_TASK:-1}
                export OMP_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS
                say() { echo "$(date '+%%F %%T') task $SLURM_ARRAY_TASK_ID ($RUN): $*"; }
                say "on $(hostname), restart ${SLURM_RESTART_COUNT:-0}"
                if [ -f "$DIR/%s" ]; then
                  say "finished before"
                  exit 0
                fi
                if compgen -G "$DIR/%s/*.ckpt" > /dev/null; then
                  set -- search --resume "$DIR" --quiet
                else
                  rm -rf "$DIR"   # started without writing a checkpoint: start again
                  set -- search "${ARGS[@]}"
                fi
                say "betadarts $*"
                # SIGUSR1 before the time limit goes to the search: it writes a checkpoint and exits with %d
                trap 'kill -USR1 "$child" 2>/dev/null' USR1
                "${JAVA[@]}" "-Dai.djl.pytorch.num_threads=$THREADS" -cp "$CLASS_PATH" %s "$@" &
                child=$!
                while true; do
                  wait "$child"
                  code=$?
                  kill -0 "$child" 2>/dev/null || break   # a signal ended the wait, not the search
                done
                say "search exited with code $code"
                """.formatted(RunDirectory.GENOTYPE_JSON, RunDirectory.CHECKPOINTS, StoppedOnRequest.EXIT_CODE,
                program.mainClass()));
        if (s.requeue()) {
            b.append("""
                    if [ "$code" -eq %d ]; then
                      say "stopped with a checkpoint before the time limit: requeued, it resumes"
                      scontrol requeue "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
                    fi
                    """.formatted(StoppedOnRequest.EXIT_CODE));
        } else {
            b.append("""
                    if [ "$code" -eq %d ]; then
                      say "stopped with a checkpoint before the time limit: run the experiment command again to resume it"
                    fi
                    """.formatted(StoppedOnRequest.EXIT_CODE));
        }
        return b.append("exit \"$code\"\n").toString();
    }

    private static void optional(List<String> options, String name, Object value) {
        if (value != null) {
            options.add(name + value);
        }
    }

    /** Slurm's form of a list of task indices: runs of consecutive ones as ranges, {@code 0-3,5,7-8}. */
    public static String array(List<Integer> indices) {
        List<Integer> sorted = indices.stream().sorted().distinct().toList();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? sorted.get(i).toString() : sorted.get(i) + "-" + sorted.get(j));
            i = j + 1;
        }
        return String.join(",", parts);
    }

    /** Single-quoted words for bash. */
    static String words(List<String> words) {
        return words.stream().map(BatchScript::quote).collect(Collectors.joining(" "));
    }

    /** One word for bash, single-quoted (a single quote as {@code '\''}). */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
