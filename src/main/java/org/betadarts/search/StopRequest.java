package org.betadarts.search;

/**
 * A request from outside the search loop (a scheduler's signal before a time limit, Ctrl-C) to stop a search
 * early: the search writes a checkpoint at the next step boundary and ends with {@link SearchStopped}.
 * Safe to set from any thread.
 */
public final class StopRequest {
    /** A request that is never made. */
    public static final StopRequest NEVER = new StopRequest();

    private volatile String cause;

    /** Asks the search to stop at its next step boundary; {@code cause} names why (a signal's name). */
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
}
