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
     * This network cut after each of {@code points} layers (cells, and in NAS-Bench-201 the residual
     * blocks between stages, after the stem; increasing), or empty where it cannot be cut there: every
     * part must keep a layer and at least one layer must follow the last cut, and a network with ops that
     * draw random numbers (S4's noise) cannot be cut, since a second pass of a part would draw other
     * numbers. None by default.
     */
    default Optional<Cut> cut(List<Integer> points) {
        return Optional.empty();
    }

    /** This network cut in two after its first {@code layers} layers (see {@link #cut(List)}). */
    default Optional<Cut> cut(int layers) {
        return cut(List.of(layers));
    }

    /**
     * Where a search cuts the network to recompute the parts before the last cut unless told otherwise
     * (see {@link #cut(List)}): the parts that pay for their second forward pass with memory; none (the
     * default) for no recomputation.
     */
    default List<Integer> recomputedByDefault() {
        return List.of();
    }

    /**
     * The cut whose head a training pass recomputes in its backward pass instead of keeping the head's
     * activations ({@link Recomputing}); none by default.
     */
    default Optional<Cut> recomputed() {
        return Optional.empty();
    }
}
