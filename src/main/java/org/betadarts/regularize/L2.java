package org.betadarts.regularize;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.betadarts.nn.HostValues;

/**
 * L2 on α: adds {@code λ · mean of α²} to the α loss, the mean running over every value of every α
 * tensor. Its gradient, {@code 2λα / n}, pulls each α toward 0 in proportion to its size.
 */
public final class L2 extends PenaltyRegularizer {
    public static final String NAME = "l2";

    public L2(LambdaSchedule schedule) {
        super(schedule);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** mean of α² over all values of all tensors. */
    @Override
    NDArray penalty(List<NDArray> alphas) {
        NDArray sum = null;
        long count = 0;
        for (NDArray a : alphas) {
            NDArray s = a.square().sum();
            sum = sum == null ? s : sum.add(s);
            count += a.getShape().size();
        }
        return HostValues.div(sum, count);
    }
}
