package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/**
 * How a mixed edge combines its candidates with its row of mixing weights: the search method's part
 * of every edge of a supernet. {@link #WEIGHTED_SUM} is DARTS' (every candidate, weighted).
 */
public interface EdgeMixing {
    /** DARTS: {@code Σ w_i·op_i(x)} over every candidate. */
    EdgeMixing WEIGHTED_SUM = (edge, in, weights, training) -> edge.weightedSum(in, weights, training, i -> true);

    /**
     * The edge's output, or null when nothing was computed (only the zero operation).
     *
     * @param weights the edge's row of mixing weights (see {@link MixedOp#weightedSum} for its columns)
     */
    NDArray forward(MixedOp edge, Feature in, NDArray weights, boolean training);

    /**
     * Whether every edge computes every candidate in every pass, as DARTS' weighted sum does; only then
     * can the edges leaving a node share computations that update state ({@link Feature#sharedWithState}).
     */
    default boolean computesEveryCandidate() {
        return true;
    }

    /** The channels each candidate of an edge of {@code channels} channels works on: all of them by default. */
    default int candidateChannels(int channels) {
        return channels;
    }
}
