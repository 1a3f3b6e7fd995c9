package org.betadarts.search;

import java.util.Map;

/** Hears about a search as it runs (progress display, tests). Every method does nothing by default. */
public interface SearchListener {
    /** Before the first step: how many steps the whole search takes, and how many are done already. */
    default void started(long totalSteps, long doneSteps) {}

    /** After each step (an α step and a weight step) with the weight step's running loss and accuracy. */
    default void stepped(int epoch, int step, double trainLoss, double trainAccuracy) {}

    /**
     * After each phase of a step, with its duration. Device work is synchronous on the CPU; on a GPU
     * the figure may leave out work still queued.
     */
    default void phaseEnded(StepPhase phase, long nanos) {}

    /** After each epoch, with the metrics line just written. */
    default void epochEnded(Map<String, Object> metrics) {}

    SearchListener NONE = new SearchListener() {};
}
