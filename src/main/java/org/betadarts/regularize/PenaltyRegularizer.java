package org.betadarts.regularize;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import org.betadarts.nn.HostValues;

/** A method that adds {@code λ(epoch) · penalty(α)} to the α loss, λ following a schedule. */
abstract class PenaltyRegularizer implements Regularizer {
    private final LambdaSchedule schedule;

    PenaltyRegularizer(LambdaSchedule schedule) {
        this.schedule = schedule;
    }

    /** The unweighted term, from the raw α tensors. */
    abstract NDArray penalty(List<NDArray> alphas);

    @Override
    public final NDArray alphaLoss(List<NDArray> alphas, int epoch, int epochs) {
        double lambda = schedule.at(epoch, epochs);
        return lambda == 0 ? null : HostValues.mul(penalty(alphas), (float) lambda);
    }

    @Override
    public Map<String, Double> state(int epoch, int epochs) {
        return Map.of("lambda", schedule.at(epoch, epochs));
    }
}
