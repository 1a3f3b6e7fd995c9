package org.betadarts.regularize;

import java.util.Map;

/**
 * A regularizer whose strength follows a schedule over the epochs, reported in the metrics under
 * {@code weightName} (λ, or DARTS-'s β).
 */
abstract class ScheduledRegularizer implements Regularizer {
    private final String name;
    private final String weightName;
    private final LambdaSchedule schedule;

    ScheduledRegularizer(String name, String weightName, LambdaSchedule schedule) {
        this.name = name;
        this.weightName = weightName;
        this.schedule = schedule;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The schedule's weight at epoch {@code epoch} of {@code epochs}. */
    final double weight(int epoch, int epochs) {
        return schedule.at(epoch, epochs);
    }

    @Override
    public final Map<String, Double> state(int epoch, int epochs) {
        return Map.of(weightName, weight(epoch, epochs));
    }
}
