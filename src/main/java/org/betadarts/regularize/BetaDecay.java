package org.betadarts.regularize;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.betadarts.nn.HostValues;

/**
 * β-Decay: adds {@code λ · mean over edges of logsumexp(α_edge)} to the α loss. Its gradient on an
 * edge is softmax(α_edge) / E: every α is pushed down, the largest the most, which keeps both the
 * magnitude and the spread of the active α small. The mean runs over the edges of every α tensor.
 */
public final class BetaDecay extends PenaltyRegularizer {
    public static final String NAME = "beta-decay";
    /**
     * The official weight: λ = 0.5 · epoch whatever the run length (the official code's
     * {@code 50 * epoch / 100}, where 100 is a constant, not the number of epochs).
     */
    public static final LambdaSchedule DEFAULT_SCHEDULE = LambdaSchedule.slope(0.5);

    public BetaDecay(LambdaSchedule schedule) {
        super(schedule);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    NDArray penalty(List<NDArray> alphas) {
        return term(alphas);
    }

    /** mean over all edges (rows) of all tensors of logsumexp over the row. */
    public static NDArray term(List<NDArray> alphas) {
        NDArray sum = null;
        long edges = 0;
        for (NDArray a : alphas) {
            NDArray max = a.max(new int[] {1}, true).stopGradient();
            NDArray lse = a.sub(max).exp().sum(new int[] {1}).log().add(max.squeeze(1));
            NDArray s = lse.sum();
            sum = sum == null ? s : sum.add(s);
            edges += a.getShape().get(0);
        }
        return HostValues.div(sum, edges);
    }
}
