package org.betadarts.regularize;

import org.betadarts.io.UserError;

/**
 * A regularization weight over the epochs of a run: a constant, or a linear ramp from {@code start}
 * at epoch 0 to {@code end} at epoch = epochs (so the last epoch gets start + (end-start)(E-1)/E).
 * Text form: {@code linear:START:END} or a single number for a constant.
 */
public record LambdaSchedule(double start, double end) {
    public double at(int epoch, int epochs) {
        return start + (end - start) * epoch / epochs;
    }

    public static LambdaSchedule constant(double value) {
        return new LambdaSchedule(value, value);
    }

    public static LambdaSchedule parse(String text) {
        String[] parts = text.trim().split(":");
        try {
            if (parts.length == 1) {
                return constant(Double.parseDouble(parts[0]));
            }
            if (parts.length == 3 && parts[0].equals("linear")) {
                return new LambdaSchedule(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UserError("bad weight schedule '" + text + "': expected a number or linear:START:END");
    }

    @Override
    public String toString() {
        return start == end ? Double.toString(start) : "linear:" + start + ":" + end;
    }
}
