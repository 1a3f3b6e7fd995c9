package org.betadarts.regularize;

import org.betadarts.io.UserError;

/**
 * A regularization weight over the epochs of a run (epoch counted from 0, the epochs done):
 * <ul>
 *   <li>{@code slope:STEP}: {@code λ = STEP · epoch}, whatever the run length (the official β-DARTS
 *       code: {@code 50 · epoch / 100}, that is {@code slope:0.5});
 *   <li>{@code linear:START:END}: a ramp scaled to the run, {@code λ = START + (END − START) · epoch / epochs}
 *       (the last epoch gets START + (END − START)(E − 1)/E);
 *   <li>a number: a constant.
 * </ul>
 */
public record LambdaSchedule(Form form, double start, double end) {
    /** How the weight depends on the epoch. */
    public enum Form { CONSTANT, LINEAR, SLOPE }

    private static final String FORMS = "expected a number, slope:STEP or linear:START:END";

    public double at(int epoch, int epochs) {
        return switch (form) {
            case CONSTANT -> start;
            case LINEAR -> start + (end - start) * epoch / epochs;
            case SLOPE -> end * epoch;
        };
    }

    public static LambdaSchedule constant(double value) {
        return new LambdaSchedule(Form.CONSTANT, value, value);
    }

    /** {@code λ = start + (end − start) · epoch / epochs}. */
    public static LambdaSchedule linear(double start, double end) {
        return new LambdaSchedule(Form.LINEAR, start, end);
    }

    /** {@code λ = step · epoch}. */
    public static LambdaSchedule slope(double step) {
        return new LambdaSchedule(Form.SLOPE, 0, step);
    }

    public static LambdaSchedule parse(String text) {
        String[] parts = text.trim().split(":");
        try {
            if (parts.length == 1) {
                return constant(number(parts[0]));
            }
            if (parts.length == 2 && parts[0].equals("slope")) {
                return slope(number(parts[1]));
            }
            if (parts.length == 3 && parts[0].equals("linear")) {
                return linear(number(parts[1]), number(parts[2]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UserError("bad weight schedule '" + text + "': " + FORMS);
    }

    private static double number(String text) {
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
            throw new NumberFormatException(text);
        }
        return v;
    }

    @Override
    public String toString() {
        return switch (form) {
            case CONSTANT -> Double.toString(start);
            case LINEAR -> "linear:" + start + ":" + end;
            case SLOPE -> "slope:" + end;
        };
    }
}
