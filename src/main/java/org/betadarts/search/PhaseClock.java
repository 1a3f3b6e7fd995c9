package org.betadarts.search;

/** Reports to a listener how long each phase of a step took, phase after phase. */
final class PhaseClock {
    private final SearchListener listener;
    private long last = System.nanoTime();

    PhaseClock(SearchListener listener) {
        this.listener = listener;
    }

    /** Ends {@code phase}: the time since the previous phase ended (or since this clock started). */
    void ended(StepPhase phase) {
        long now = System.nanoTime();
        listener.phaseEnded(phase, now - last);
        last = now;
    }
}
