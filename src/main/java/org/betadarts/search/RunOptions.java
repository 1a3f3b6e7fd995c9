package org.betadarts.search;

import org.betadarts.io.UserError;

/**
 * How a search runs, apart from what it computes: checkpoints and the handling of non-finite values.
 * A checkpoint is written at the start, after every epoch and, when {@code checkpointEvery > 0},
 * after every {@code checkpointEvery} steps; the newest {@code keepCheckpoints} are kept.
 */
public record RunOptions(int checkpointEvery, int keepCheckpoints, OnNan onNan) {
    public static final RunOptions DEFAULTS = new RunOptions(0, 2, OnNan.STOP);

    public RunOptions {
        if (checkpointEvery < 0) {
            throw new UserError("--checkpoint-every must be 0 (epochs only) or a positive number of steps");
        }
        if (keepCheckpoints < 1) {
            throw new UserError("--keep-checkpoints must be at least 1");
        }
        if (onNan == null) {
            throw new UserError("--on-nan must be stop or skip-batch");
        }
    }

    /** Whether a checkpoint is due after {@code stepsDone} steps of the whole run. */
    public boolean checkpointDue(long stepsDone) {
        return checkpointEvery > 0 && stepsDone % checkpointEvery == 0;
    }
}
