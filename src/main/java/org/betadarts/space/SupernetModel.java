package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;

/** The search network of a space: every edge a mix of candidates, weighted per α tensor. */
@FunctionalInterface
public interface SupernetModel {
    /**
     * @param opWeights softmax(α) for each of the space's α tensors, in {@link SearchSpace#alphas()} order
     * @return logits, shape (batch, classes)
     */
    NDArray forward(NDArray images, List<NDArray> opWeights, boolean training);

    /**
     * This network cut after its first {@code layers} layers (cells, and in NAS-Bench-201 the residual
     * blocks between stages, after the stem), or empty where it cannot be cut there: at least one layer
     * must follow the cut, and a network with ops that draw random numbers (S4's noise) cannot be cut,
     * since a second pass of the head would draw other numbers. None by default.
     */
    default Optional<Cut> cut(int layers) {
        return Optional.empty();
    }

    /**
     * The first layers a search recomputes unless told otherwise (see {@link #cut}): those that pay for
     * their second forward pass with memory; 0 (the default) for none.
     */
    default int recomputedByDefault() {
        return 0;
    }

    /**
     * The cut whose head a training pass recomputes in its backward pass instead of keeping the head's
     * activations ({@link Recomputing}); none by default.
     */
    default Optional<Cut> recomputed() {
        return Optional.empty();
    }
}
