package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/**
 * A piece of network: a function of one tensor whose parameters live in a {@link Parameters} store.
 * {@code training} selects batch statistics (and updates running statistics) in batch norm.
 */
@FunctionalInterface
public interface Module {
    NDArray forward(NDArray x, boolean training);

    /** This module followed by {@code next}. */
    default Module then(Module next) {
        return (x, training) -> next.forward(forward(x, training), training);
    }
}
