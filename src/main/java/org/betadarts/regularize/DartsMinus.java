package org.betadarts.regularize;

/**
 * DARTS-: every mixed edge gets an auxiliary skip connection weighted by β outside the softmax,
 * {@code out = Σ softmax(α)·op(x) + β·skip(x)}, with β decaying linearly from 1 at the first epoch
 * toward 0 ({@code linear:1:0}: β = 1 − epoch/epochs). The skip carries the gradient early on, so
 * α need not favour the skip_connect op to get it; the genotype is the usual argmax.
 */
public final class DartsMinus extends ScheduledRegularizer {
    public static final String NAME = "darts-minus";
    /** β from 1 at epoch 0 down toward 0 at the end of the run. */
    public static final LambdaSchedule DEFAULT_SCHEDULE = LambdaSchedule.linear(1, 0);

    public DartsMinus(LambdaSchedule schedule) {
        super(NAME, "beta", schedule);
    }

    @Override
    public double auxiliarySkip(int epoch, int epochs) {
        return weight(epoch, epochs);
    }
}
