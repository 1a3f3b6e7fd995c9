package org.betadarts.search;

import ai.djl.ndarray.NDManager;
import org.betadarts.nn.Devices;

/**
 * Reports to a listener how long each phase of a step took, phase after phase; for a listener that
 * asks for it, after the device has done the phase's work.
 */
final class PhaseClock {
    private final SearchListener listener;
    private final NDManager manager;
    private long last = System.nanoTime();

    PhaseClock(SearchListener listener, NDManager manager) {
        this.listener = listener;
        this.manager = manager;
    }

    /** Ends {@code phase}: the time since the previous phase ended (or since this clock started). */
    void ended(StepPhase phase) {
        if (listener.synchronizesPhases()) {
            Devices.synchronize(manager);
        }
        long now = System.nanoTime();
        listener.phaseEnded(phase, now - last);
        last = now;
    }
}
