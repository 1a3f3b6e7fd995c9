package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * GDAS' edge: the row of weights is a sampled one-hot vector (with a straight-through gradient, see
 * {@code method.Gdas}), and only the candidates whose weight is not exactly zero are computed, each
 * times its weight, so that the chosen op's weight carries the gradient back to α. The row is read
 * to the host to find them, as the official code does ({@code .item()} of the sampled index).
 */
public final class SampledOp implements EdgeMixing {
    @Override
    public NDArray forward(MixedOp edge, Feature in, NDArray weights, boolean training) {
        float[] w;
        try (NDArray host = weights.toType(DataType.FLOAT32, true)) {
            w = host.toFloatArray();
        }
        return edge.weightedSum(in, weights, training, i -> w[i] != 0);
    }

    /** Only the sampled candidates. */
    @Override
    public boolean computesEveryCandidate() {
        return false;
    }
}
