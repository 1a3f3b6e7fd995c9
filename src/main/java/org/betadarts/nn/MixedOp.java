package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An edge of the supernet: the sum of its candidates weighted by one row of softmax(α).
 * A {@code null} candidate stands for the zero operation: it adds nothing to the sum and its weight
 * receives no gradient from it, so it is skipped instead of computed.
 */
public final class MixedOp {
    private final List<Candidate> candidates;

    public MixedOp(List<Candidate> candidates) {
        this.candidates = candidates.stream().map(c -> c == null ? ZERO : c).toList();
    }

    private static final Candidate ZERO = (in, training) -> {
        throw new IllegalStateException("the zero operation is never computed");
    };

    /**
     * @param weights one weight per candidate, shape (candidates)
     * @return the weighted sum, or null when every candidate is the zero operation
     */
    public NDArray forward(Feature in, NDArray weights, boolean training) {
        NDArray sum = null;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (c == ZERO) {
                continue;
            }
            NDArray y = c.forward(in, training);
            NDArray w = weights.get(i);
            NDArray term = y.mul(w);
            in.release(y);
            w.close();
            sum = Sums.plus(sum, term);
        }
        return sum;
    }

    public int size() {
        return candidates.size();
    }
}
