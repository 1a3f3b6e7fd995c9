package org.betadarts.regularize;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.betadarts.nn.HostValues;

/** A method that adds {@code λ(epoch) · penalty(α)} to the α loss, λ following a schedule. */
abstract class PenaltyRegularizer extends ScheduledRegularizer {
    PenaltyRegularizer(String name, LambdaSchedule schedule) {
        super(name, "lambda", schedule);
    }

    /** The unweighted term, from the raw α tensors. */
    abstract NDArray penalty(List<NDArray> alphas);

    @Override
    public final NDArray alphaLoss(List<NDArray> alphas, int epoch, int epochs) {
        double lambda = weight(epoch, epochs);
        return lambda == 0 ? null : HostValues.mul(penalty(alphas), (float) lambda);
    }

    /**
     * A mean over all the tensors together: the sum of {@code total} (a scalar per tensor) divided by the
     * sum of {@code count} (what each total adds up: its edges, its values).
     */
    static NDArray mean(List<NDArray> alphas, Function<NDArray, NDArray> total, ToLongFunction<NDArray> count) {
        NDArray sum = null;
        long n = 0;
        for (NDArray a : alphas) {
            NDArray s = total.apply(a);
            sum = sum == null ? s : sum.add(s);
            n += count.applyAsLong(a);
        }
        return HostValues.div(sum, n);
    }
}
