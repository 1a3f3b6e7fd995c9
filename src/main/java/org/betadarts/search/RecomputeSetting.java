package org.betadarts.search;

import org.betadarts.io.UserError;
import org.betadarts.space.Recomputing;
import org.betadarts.space.SupernetModel;

/**
 * The {@code recompute} setting of a search ({@code --recompute}): which first layers of the supernet
 * (the stem and the cells after it) are run a second time during the backward pass instead of keeping
 * their activations ({@link LossPass}). {@value #FIRST_STAGE}: the layers at the input's full
 * resolution, which hold the largest activations (in the DARTS space at C=16, L=8 the two first cells
 * hold about half of them), for one more forward pass of those layers; {@value #OFF}; or a number of
 * layers. Gradients, losses and running statistics are the same either way, up to float rounding.
 * Networks with ops that draw random numbers (S4's noise) are never recomputed: the first-stage
 * default leaves them as they are, and a number of layers is refused.
 */
public final class RecomputeSetting {
    public static final String FIRST_STAGE = "first-stage";
    public static final String OFF = "off";

    private RecomputeSetting() {}

    /** Throws a {@link UserError} unless {@code value} is null, first-stage, off or a number of layers (0: off). */
    static void check(String value) {
        if (value != null && !value.equals(FIRST_STAGE) && !value.equals(OFF)) {
            layers(value);
        }
    }

    /** The supernet a search uses: {@code net} recomputing the layers {@code value} asks for. */
    static SupernetModel apply(String value, SupernetModel net, String space) {
        if (value == null || value.equals(FIRST_STAGE)) {
            int first = net.firstStage();
            return first > 0 && net.cut(first).isPresent() ? Recomputing.of(net, first) : net;
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
            throw new UserError("--recompute must be " + FIRST_STAGE + ", " + OFF + " or a number of layers, not '"
                    + value + "'");
        }
        return n;
    }
}
