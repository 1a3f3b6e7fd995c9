package org.betadarts.search;

import org.betadarts.io.UserError;
import org.betadarts.space.Recomputing;
import org.betadarts.space.SupernetModel;

/**
 * The {@code recompute} setting of a search ({@code --recompute}): which first layers of the supernet
 * (the stem and the cells after it) run a second time during the backward pass instead of keeping
 * their activations ({@link LossPass}). {@value #AUTO}, the default: the space's choice
 * ({@link SupernetModel#recomputedByDefault()}), the first stage in the DARTS spaces, whose cells at
 * the input's full resolution hold the largest activations, and nothing in NAS-Bench-201; {@value #OFF};
 * or a number of layers. Gradients, losses and running statistics are the same either way, up to
 * float rounding. Networks with ops that draw random numbers (S4's noise) are never recomputed:
 * {@value #AUTO} leaves them as they are, and a number of layers is refused.
 */
public final class RecomputeSetting {
    public static final String AUTO = "auto";
    public static final String OFF = "off";

    private RecomputeSetting() {}

    /** Throws a {@link UserError} unless {@code value} is null (auto), auto, off or a number of layers (0: off). */
    static void check(String value) {
        if (value != null && !value.equals(AUTO) && !value.equals(OFF)) {
            layers(value);
        }
    }

    /** The supernet a search uses: {@code net} recomputing the layers {@code value} asks for. */
    static SupernetModel apply(String value, SupernetModel net, String space) {
        if (value == null || value.equals(AUTO)) {
            return Recomputing.of(net, net.recomputedByDefault());
        }
        if (value.equals(OFF)) {
            return net;
        }
        int layers = layers(value);
        if (layers > 0 && net.cut(layers).isEmpty()) {
            throw new UserError("--recompute " + layers + ": the " + space + " supernet cannot recompute its first "
                    + layers + " layers (at least one must follow them, and a space with random ops cannot recompute)");
        }
        return Recomputing.of(net, layers);
    }

    private static int layers(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw new UserError("--recompute must be " + AUTO + ", " + OFF + " or a number of layers, not '" + value + "'");
        }
        return n;
    }
}
