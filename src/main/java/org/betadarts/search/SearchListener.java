package org.betadarts.search;

/**
 * Hears about a search as it runs (progress display, benchmarks, tests): a step is an α step and a
 * weight step, and the running loss and accuracy are those of the weight steps. Every method does
 * nothing by default.
 */
public interface SearchListener extends RunListener {
    /**
     * After each phase of a step, with its duration. Device work is synchronous on the CPU; on a GPU
     * the figure may leave out work still queued, unless {@link #synchronizesPhases()}.
     */
    default void phaseEnded(StepPhase phase, long nanos) {}

    /**
     * True: the device finishes the work of each phase before its time is taken, so that
     * {@link #phaseEnded} gets the device's time too (benchmarks; on a GPU it costs a wait per phase).
     */
    default boolean synchronizesPhases() {
        return false;
    }

    SearchListener NONE = new SearchListener() {};
}
