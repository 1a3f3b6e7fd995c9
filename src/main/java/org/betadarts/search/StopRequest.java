package org.betadarts.search;

/**
 * A request from outside a search's or a training's loop (a scheduler's signal before a time limit,
 * Ctrl-C) to stop early: the run writes a checkpoint at the next step boundary and ends with
 * {@link StoppedOnRequest}.
 * Safe to set from any thread.
 */
public final class StopRequest {
    /** A request that is never made. */
    public static final StopRequest NEVER = new StopRequest();

    private volatile String cause;

    /** Asks the run to stop at its next step boundary; {@code cause} names why (a signal's name). */
    public void request(String cause) {
        if (this == NEVER) {
            throw new IllegalStateException("StopRequest.NEVER cannot be requested");
        }
        this.cause = cause;
    }

    public boolean requested() {
        return cause != null;
    }

    /** What asked for the stop, null while nothing has. */
    public String cause() {
        return cause;
    }

    /**
     * After step {@code step} of {@code steps} in epoch {@code epoch} of a run: {@code save} writes a
     * checkpoint when one is {@code due} or a stop is requested (not after an epoch's last step, whose
     * checkpoint follows the epoch), and then a requested stop ends the run.
     *
     * @throws StoppedOnRequest when a stop is requested
     */
    public void afterStep(int epoch, int step, int steps, boolean due, Runnable save) {
        boolean stopping = requested();
        if (step < steps && (stopping || due)) {
            save.run();
            if (stopping) {
                throw new StoppedOnRequest(cause, epoch, step);
            }
        }
    }

    /**
     * After an epoch's checkpoint, {@code epochsDone} of {@code epochs}: a requested stop ends the run
     * unless that was its last epoch.
     *
     * @throws StoppedOnRequest when a stop is requested before the last epoch
     */
    public void afterEpoch(int epochsDone, int epochs) {
        if (requested() && epochsDone < epochs) {
            throw new StoppedOnRequest(cause, epochsDone, 0);
        }
    }
}
