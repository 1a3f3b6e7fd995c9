package org.betadarts.regularize;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * A method that steers the architecture search. The architect asks it for an extra term of the
 * α loss; it never knows which method it talks to. Each method owns its schedule.
 */
public interface Regularizer {
    /** The name used on the command line and in run directories. */
    String name();

    /**
     * The term added to the validation loss of the α step, or {@code null} for none.
     *
     * @param alphas the raw architecture parameters, one tensor per α of the space
     */
    default NDArray alphaLoss(List<NDArray> alphas, int epoch, int epochs) {
        return null;
    }

    /** Settings in force at an epoch, for the metrics (for example the weight λ). */
    default Map<String, Double> state(int epoch, int epochs) {
        return Map.of();
    }

    /**
     * What a checkpoint must save to continue this method exactly, as named host arrays; empty for a
     * method whose only state is its schedule (a function of the epoch).
     */
    default Map<String, float[]> savedState() {
        return Map.of();
    }

    /** Takes back what {@link #savedState()} gave, from a checkpoint. */
    default void restoreState(Map<String, float[]> state) {}
}
