package org.betadarts.regularize;

/**
 * Decoupled weight decay on α alone (as AdamW decays weights): after each α optimizer step,
 * {@code α ← α − lr_α · λ · α}. Unlike L2 it bypasses the optimizer's gradient normalization, so
 * the shrinkage per step is exactly {@code lr_α · λ} of each value.
 */
public final class WeightDecay extends ScheduledRegularizer {
    public static final String NAME = "weight-decay";

    public WeightDecay(LambdaSchedule schedule) {
        super(NAME, "lambda", schedule);
    }

    @Override
    public void afterAlphaStep(float[] alpha, double lr, int epoch, int epochs) {
        float keep = (float) (1 - lr * weight(epoch, epochs));
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] *= keep;
        }
    }
}
