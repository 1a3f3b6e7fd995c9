package org.betadarts.search;

/**
 * A request from outside the search loop (a signal before a scheduler's time limit) to stop a search
 * early: the search writes a checkpoint at the next step boundary and ends with {@link SearchStopped}.
 * Safe to set from any thread.
 */
public final class StopRequest {
    /** A request that is never made. */
    public static final StopRequest NEVER = new StopRequest();

    private volatile boolean requested;

    /** Asks the search to stop at its next step boundary. */
    public void request() {
        if (this == NEVER) {
            throw new IllegalStateException("StopRequest.NEVER cannot be requested");
        }
        requested = true;
    }

    public boolean requested() {
        return requested;
    }
}
