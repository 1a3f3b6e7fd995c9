package org.betadarts.cli;

import java.util.ArrayList;
import java.util.List;
import org.betadarts.experiment.slurm.SlurmSettings;
import org.betadarts.io.UserError;
import picocli.CommandLine.Option;

/** The options of {@code experiment --launcher slurm}: what the job array asks Slurm for. */
final class SlurmOptions {
    @Option(names = "--slurm-partition", paramLabel = "NAME", description = "the partition of the tasks")
    String partition;

    @Option(names = "--slurm-time", paramLabel = "LIMIT", description = "time limit of each task, e.g. 4:00:00 "
            + "(a search stopped by it resumes when submitted again)")
    String time;

    @Option(names = "--slurm-gpus-per-task", paramLabel = "N", description = "GPUs of each task (with --device gpu)")
    Integer gpusPerTask;

    @Option(names = "--slurm-cpus-per-task", paramLabel = "N", description = "CPUs of each task, also the search's "
            + "threads (default 1)")
    int cpusPerTask = 1;

    @Option(names = "--slurm-mem", paramLabel = "SIZE", description = "memory of each task, e.g. 8G")
    String mem;

    @Option(names = "--slurm-max-running", paramLabel = "N", description = "at most N tasks at once")
    Integer maxRunning;

    @Option(names = "--slurm-signal-seconds", paramLabel = "S", description = "SIGUSR1 S seconds before the time "
            + "limit: the search writes a checkpoint and stops (default "
            + SlurmSettings.DEFAULT_SIGNAL_SECONDS + ")")
    int signalSeconds = SlurmSettings.DEFAULT_SIGNAL_SECONDS;

    @Option(names = "--slurm-extra", paramLabel = "ARG", description = "another sbatch option for the script "
            + "(repeatable), e.g. --slurm-extra=--account=abc")
    List<String> extra = new ArrayList<>();

    @Option(names = "--requeue", description = "tasks may be requeued (preemption, node failure); a task stopped "
            + "before its time limit requeues itself; a requeued task resumes from its checkpoint")
    boolean requeue;

    @Option(names = "--slurm-no-submit", description = "write DIR/slurm/array.sbatch but do not submit it")
    boolean noSubmit;

    /** Whether any of these options was given (they need --launcher slurm). */
    boolean given() {
        return partition != null || time != null || gpusPerTask != null || cpusPerTask != 1 || mem != null
                || maxRunning != null || signalSeconds != SlurmSettings.DEFAULT_SIGNAL_SECONDS || !extra.isEmpty()
                || requeue || noSubmit;
    }

    SlurmSettings settings() {
        if (time != null && !time.matches("[0-9:-]+")) {
            throw new UserError("--slurm-time " + time + ": expected a Slurm time such as 30, 4:00:00 or 2-00:00:00");
        }
        return new SlurmSettings(partition, time, gpusPerTask, cpusPerTask, mem, maxRunning, signalSeconds, requeue,
                extra);
    }
}
