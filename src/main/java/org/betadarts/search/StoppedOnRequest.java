package org.betadarts.search;

/**
 * A search or a training ended early on a {@link StopRequest}, after writing a checkpoint at
 * {@code epochsDone} epochs and {@code step} steps of the next; {@code --resume} continues it from there.
 */
public final class StoppedOnRequest extends RuntimeException {
    /** The exit code of a command that stopped so (sysexits' EX_TEMPFAIL: try again later). */
    public static final int EXIT_CODE = 75;

    private final String cause;
    private final int epochsDone;
    private final int step;

    StoppedOnRequest(String cause, int epochsDone, int step) {
        super(String.format("stopped on request with a checkpoint at epoch %d, step %d", epochsDone + 1, step));
        this.cause = cause;
        this.epochsDone = epochsDone;
        this.step = step;
    }

    /** What asked for the stop (a signal's name). */
    public String cause() {
        return cause;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Steps done in the epoch after {@link #epochsDone()}. */
    public int step() {
        return step;
    }
}
