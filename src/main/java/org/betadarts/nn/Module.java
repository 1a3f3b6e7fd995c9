package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/**
 * A piece of network: a function of one tensor whose parameters live in a {@link Parameters} store.
 * {@code training} selects batch statistics (and updates running statistics) in batch norm.
 */
@FunctionalInterface
public interface Module {
    NDArray forward(NDArray x, boolean training);

    /**
     * This module followed by {@code next}. The intermediate tensor is released as soon as
     * {@code next} has used it: autograd keeps its own reference where the backward pass needs it.
     */
    default Module then(Module next) {
        return (x, training) -> {
            NDArray mid = forward(x, training);
            NDArray out = next.forward(mid, training);
            if (mid != x && mid != out) {
                mid.close();
            }
            return out;
        };
    }
}
