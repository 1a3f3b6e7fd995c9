package org.betadarts.experiment.slurm;

import java.util.List;
import org.betadarts.io.UserError;

/**
 * What the job array of an experiment asks Slurm for, each option of {@code sbatch} left to the
 * cluster's default when null.
 *
 * @param partition {@code --partition}
 * @param time {@code --time}, the limit of each task (e.g. {@code 2:00:00})
 * @param gpusPerTask {@code --gpus-per-task}
 * @param cpusPerTask {@code --cpus-per-task}; also the search's thread count
 * @param mem {@code --mem} (e.g. {@code 8G})
 * @param maxRunning at most this many tasks at once ({@code --array=...%N}); null: no limit
 * @param signalSeconds SIGUSR1 this many seconds before the time limit ({@code --signal=B:USR1@N}): the
 *     search writes a checkpoint and ends
 * @param requeue {@code --requeue}; a task stopped by the signal then requeues itself and resumes
 * @param extra further {@code #SBATCH} arguments, as given (e.g. {@code --account=abc})
 */
public record SlurmSettings(String partition, String time, Integer gpusPerTask, int cpusPerTask, String mem,
        Integer maxRunning, int signalSeconds, boolean requeue, List<String> extra) {
    public static final int DEFAULT_SIGNAL_SECONDS = 300;

    public SlurmSettings {
        extra = List.copyOf(extra);
        if (cpusPerTask < 1) {
            throw new UserError("--slurm-cpus-per-task must be at least 1");
        }
        if (gpusPerTask != null && gpusPerTask < 0) {
            throw new UserError("--slurm-gpus-per-task must not be negative");
        }
        if (maxRunning != null && maxRunning < 1) {
            throw new UserError("--slurm-max-running must be at least 1");
        }
        if (signalSeconds < 1 || signalSeconds > 65535) {
            throw new UserError("--slurm-signal-seconds must be between 1 and 65535");
        }
        for (String arg : extra) {
            if (!arg.startsWith("-") || arg.contains("\n")) {
                throw new UserError("--slurm-extra " + arg + ": expected one sbatch option, such as --account=abc");
            }
        }
    }

    /** One CPU per task, the signal 300 s before the limit, no requeue, the cluster's defaults otherwise. */
    public static SlurmSettings defaults() {
        return new SlurmSettings(null, null, null, 1, null, null, DEFAULT_SIGNAL_SECONDS, false, List.of());
    }
}
