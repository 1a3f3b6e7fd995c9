package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An edge of the supernet: the sum of its candidates weighted by one row of softmax(α).
 * A {@code null} candidate stands for the zero operation: it adds nothing to the sum and its weight
 * receives no gradient from it, so it is skipped instead of computed.
 *
 * <p>A row with one weight more than there are candidates also weights an auxiliary skip path
 * (DARTS-): {@code out = Σ w_i·op_i(x) + w_last·skip(x)}. The skip is the identity unless the edge
 * is built with another (a reduction edge needs one that halves the resolution).
 *
 * <p>How the candidates are combined is the search method's {@link EdgeMixing}: DARTS' weighted sum
 * unless the edge is built with another.
 */
public final class MixedOp {
    private final List<Candidate> candidates;
    private final Candidate auxiliarySkip;
    private final EdgeMixing mixing;

    /** An edge whose auxiliary skip is the identity. */
    public MixedOp(List<Candidate> candidates) {
        this(candidates, Candidate.onValue(Layers.IDENTITY));
    }

    public MixedOp(List<Candidate> candidates, Candidate auxiliarySkip) {
        this(candidates, auxiliarySkip, EdgeMixing.WEIGHTED_SUM);
    }

    public MixedOp(List<Candidate> candidates, Candidate auxiliarySkip, EdgeMixing mixing) {
        this.candidates = candidates.stream().map(c -> c == null ? ZERO : c).toList();
        this.auxiliarySkip = auxiliarySkip;
        this.mixing = mixing;
    }

    private static final Candidate ZERO = (in, training) -> {
        throw new IllegalStateException("the zero operation is never computed");
    };

    /** The edge's output by its {@link EdgeMixing}, or null when nothing was computed. */
    public NDArray forward(Feature in, NDArray weights, boolean training) {
        return mixing.forward(this, in, weights, training);
    }

    /**
     * @param weights one weight per candidate, shape (candidates), or (candidates + 1) with the
     *     weight of the auxiliary skip last
     * @param computed which terms (by column) to compute; the others count as zero
     * @return the weighted sum, or null when no term was computed (only zero operations)
     */
    public NDArray weightedSum(Feature in, NDArray weights, boolean training, IntPredicate computed) {
        long terms = weights.getShape().get(0);
        if (terms != candidates.size() && terms != candidates.size() + 1) {
            throw new IllegalArgumentException(terms + " weights for " + candidates.size() + " candidates");
        }
        NDArray sum = null;
        for (int i = 0; i < terms; i++) {
            Candidate c = i < candidates.size() ? candidates.get(i) : auxiliarySkip;
            if (c == null) {
                throw new org.betadarts.io.UserError("this space has no skip path on a stride-2 edge for the "
                        + "auxiliary skip of darts-minus (a skip_connect candidate is needed there)");
            }
            if (c == ZERO || !computed.test(i)) {
                continue;
            }
            int column = i;
            sum = Scoped.apply(sum, s -> Sums.accumulate(s, c.forwardWeighted(in, weights.get(column), training)));
        }
        return sum;
    }

    public int size() {
        return candidates.size();
    }
}
