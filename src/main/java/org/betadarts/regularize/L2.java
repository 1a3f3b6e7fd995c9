package org.betadarts.regularize;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * L2 on α: adds {@code λ · mean of α²} to the α loss, the mean running over every value of every α
 * tensor. Its gradient, {@code 2λα / n}, pulls each α toward 0 in proportion to its size.
 */
public final class L2 implements Regularizer {
    public static final String NAME = "l2";

    private final LambdaSchedule schedule;

    public L2(LambdaSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NDArray alphaLoss(List<NDArray> alphas, int epoch, int epochs) {
        double lambda = schedule.at(epoch, epochs);
        return lambda == 0 ? null : term(alphas).mul((float) lambda);
    }

    @Override
    public Map<String, Double> state(int epoch, int epochs) {
        return Map.of("lambda", schedule.at(epoch, epochs));
    }

    /** mean of α² over all values of all tensors. */
    public static NDArray term(List<NDArray> alphas) {
        NDArray sum = null;
        long count = 0;
        for (NDArray a : alphas) {
            NDArray s = a.square().sum();
            sum = sum == null ? s : sum.add(s);
            count += a.getShape().size();
        }
        return sum.div(count);
    }
}
