package org.betadarts.regularize;

import java.util.Map;

/**
 * Decoupled weight decay on α alone (as AdamW decays weights): after each α optimizer step,
 * {@code α ← α − lr_α · λ · α}. Unlike L2 it bypasses the optimizer's gradient normalization, so
 * the shrinkage per step is exactly {@code lr_α · λ} of each value.
 */
public final class WeightDecay implements Regularizer {
    public static final String NAME = "weight-decay";

    private final LambdaSchedule schedule;

    public WeightDecay(LambdaSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void afterAlphaStep(float[] alpha, double lr, int epoch, int epochs) {
        float keep = (float) (1 - lr * schedule.at(epoch, epochs));
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] *= keep;
        }
    }

    @Override
    public Map<String, Double> state(int epoch, int epochs) {
        return Map.of("lambda", schedule.at(epoch, epochs));
    }
}
