package org.betadarts.cli;

import org.betadarts.search.OnNan;
import org.betadarts.search.RunOptions;
import picocli.CommandLine.Option;

/** The options of a search or training run that leave its results alone: the progress bar and checkpoints. */
final class RunFlags {
    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS",
            description = "also write a checkpoint every STEPS steps (default: after each epoch only)")
    Integer checkpointEvery;

    @Option(names = "--keep-checkpoints", paramLabel = "K", description = "keep the newest K checkpoints (default 2)")
    Integer keepCheckpoints;

    /** The options given, over {@code base} (the defaults, or what a resumed run recorded), with {@code onNan}. */
    RunOptions over(RunOptions base, OnNan onNan) {
        return new RunOptions(checkpointEvery != null ? checkpointEvery : base.checkpointEvery(),
                keepCheckpoints != null ? keepCheckpoints : base.keepCheckpoints(), onNan);
    }
}
