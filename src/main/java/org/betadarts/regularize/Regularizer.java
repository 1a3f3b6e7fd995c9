package org.betadarts.regularize;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * A method that steers the architecture search. The search talks to it through three hooks, each
 * doing nothing by default: an extra term of the α loss ({@link #alphaLoss}), a change of α after
 * each α optimizer step ({@link #afterAlphaStep}), and the weight of an auxiliary skip connection
 * that every mixed edge adds outside the softmax ({@link #auxiliarySkip}). The search never knows
 * which method it talks to. Each method owns its schedule.
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

    /**
     * Called after every α optimizer step.
     *
     * @param alpha all α values (the optimizer's host vector), to change in place
     * @param lr the α learning rate of the step
     */
    default void afterAlphaStep(float[] alpha, double lr, int epoch, int epochs) {}

    /**
     * The weight β of an identity (skip) path that every mixed edge adds to its output, outside the
     * softmax: {@code out = Σ softmax(α)·op(x) + β·skip(x)}; 0 for none.
     */
    default double auxiliarySkip(int epoch, int epochs) {
        return 0;
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
