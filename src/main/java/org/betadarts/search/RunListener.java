package org.betadarts.search;

import java.util.Map;

/**
 * Hears about a loop of epochs as it runs — a search or a training run — for progress displays and
 * tests. Every method does nothing by default.
 */
public interface RunListener {
    /** Before the first step: how many steps the whole run takes, and how many are done already. */
    default void started(long totalSteps, long doneSteps) {}

    /** After each step, with the running training loss and accuracy of the epoch. */
    default void stepped(int epoch, int step, double trainLoss, double trainAccuracy) {}

    /** After each epoch, with the metrics line just written. */
    default void epochEnded(Map<String, Object> metrics) {}

    RunListener NONE = new RunListener() {};
}
