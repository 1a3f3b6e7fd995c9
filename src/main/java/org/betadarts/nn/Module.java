package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/**
 * A piece of network: a function of one tensor whose parameters live in a {@link Parameters} store.
 * {@code training} selects batch statistics (and updates running statistics) in batch norm. It
 * returns its input itself or a tensor it created.
 */
@FunctionalInterface
public interface Module {
    NDArray forward(NDArray x, boolean training);

    /**
     * This module followed by {@code next}, the two in one {@link Scoped} computation: the
     * intermediate tensor is released as soon as {@code next} has used it.
     * When {@code next} is {@link Scalable}, so is the result.
     */
    default Module then(Module next) {
        Module first = this;
        if (next instanceof Scalable scalable) {
            return new Scalable() {
                @Override
                public NDArray forward(NDArray x, boolean training) {
                    return first.applyThen(x, training, next);
                }

                @Override
                public NDArray forwardScaled(NDArray x, NDArray scale, boolean training) {
                    return first.applyThen(x, training, (mid, t) -> scalable.forwardScaled(mid, scale, t));
                }
            };
        }
        return (x, training) -> applyThen(x, training, next);
    }

    /** Applies this module, then {@code rest} to its output, which is released once used. */
    private NDArray applyThen(NDArray x, boolean training, Module rest) {
        return Scoped.apply(x, in -> rest.forward(forward(in, training), training));
    }
}
