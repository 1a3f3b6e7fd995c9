package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The value of an intermediate node of a cell as it is summed: each incoming edge, a {@link MixedOp}
 * on an earlier node with its row of the mixing weights, adds its output in place
 * ({@link Sums#accumulate}). An edge that computed nothing (only zero operations) adds nothing.
 */
public final class NodeSum {
    private NDArray sum;

    /**
     * Adds edge {@code edge} applied to {@code input} with row {@code row} of {@code weights}; its
     * output passes through {@code after} first (DARTS' drop-path). What the edge computes on the way is
     * released once it is added ({@link Scoped}).
     */
    public void add(MixedOp edge, Feature input, NDArray weights, int row, boolean training,
                    UnaryOperator<NDArray> after) {
        sum = Scoped.apply(sum, s -> {
            NDArray out = edge.forward(input, weights.get(row), training);
            return out == null ? s : Sums.accumulate(s, after.apply(out));
        });
    }

    /** Adds edge {@code edge} applied to {@code input} with row {@code row} of {@code weights}. */
    public void add(MixedOp edge, Feature input, NDArray weights, int row, boolean training) {
        add(edge, input, weights, row, training, UnaryOperator.identity());
    }

    /** The node's value: the sum, or {@code zeros} when no edge computed anything. */
    public NDArray value(Supplier<NDArray> zeros) {
        return sum != null ? sum : zeros.get();
    }
}
