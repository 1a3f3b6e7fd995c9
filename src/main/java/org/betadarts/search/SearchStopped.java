package org.betadarts.search;

/**
 * A search ended early on a {@link StopRequest}, after writing a checkpoint at {@code epochsDone}
 * epochs and {@code step} steps of the next; {@code search --resume} continues it from there.
 */
public final class SearchStopped extends RuntimeException {
    /** The exit code of a search command that stopped so (sysexits' EX_TEMPFAIL: try again later). */
    public static final int EXIT_CODE = 75;

    private final int epochsDone;
    private final int step;

    SearchStopped(int epochsDone, int step) {
        super(String.format("stopped on request with a checkpoint at epoch %d, step %d", epochsDone + 1, step));
        this.epochsDone = epochsDone;
        this.step = step;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Steps done in the epoch after {@link #epochsDone()}. */
    public int step() {
        return step;
    }
}
