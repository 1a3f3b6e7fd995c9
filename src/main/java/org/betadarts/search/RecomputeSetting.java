package org.betadarts.search;

import java.util.ArrayList;
import java.util.List;
import org.betadarts.io.UserError;
import org.betadarts.space.Recomputing;
import org.betadarts.space.SupernetModel;

/**
 * The {@code recompute} setting of a search ({@code --recompute}): where the supernet is cut into parts
 * (after the stem and a number of layers, the cells and residual blocks) so that every part but the last
 * runs a second time during the backward pass instead of keeping its activations ({@link LossPass}).
 * {@value #AUTO}, the default: the space's choice ({@link SupernetModel#recomputedByDefault()}): in the
 * DARTS spaces, whose first cells at the input's full resolution hold the largest activations, each
 * cell up to and including the first reduction on its own, and nothing in NAS-Bench-201; {@value #OFF}; a number of layers (one cut:
 * the first layers are recomputed together); or increasing numbers separated by commas (several cuts:
 * each part recomputed on its own, so that only one part's activations are held at a time). Gradients,
 * losses and running statistics are the same either way, up to float rounding. Networks with ops that
 * draw random numbers (S4's noise) are never recomputed: {@value #AUTO} leaves them as they are, and
 * cuts are refused.
 */
public final class RecomputeSetting {
    public static final String AUTO = "auto";
    public static final String OFF = "off";

    private RecomputeSetting() {}

    /** Throws a {@link UserError} unless {@code value} is null (auto), auto, off or cut points (0: off). */
    static void check(String value) {
        if (value != null && !value.equals(AUTO) && !value.equals(OFF)) {
            points(value);
        }
    }

    /** The supernet a search uses: {@code net} recomputing the parts {@code value} asks for. */
    static SupernetModel apply(String value, SupernetModel net, String space) {
        if (value == null || value.equals(AUTO)) {
            return Recomputing.of(net, net.recomputedByDefault());
        }
        if (value.equals(OFF)) {
            return net;
        }
        List<Integer> points = points(value);
        if (!points.isEmpty() && net.cut(points).isEmpty()) {
            throw new UserError("--recompute " + value + ": the " + space + " supernet cannot be cut there (each part "
                    + "needs a layer, at least one must follow the last cut, and a space with random ops cannot "
                    + "recompute)");
        }
        return Recomputing.of(net, points);
    }

    /** The cut points of {@code value}: increasing positive numbers; none for 0. */
    private static List<Integer> points(String value) {
        List<Integer> points = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            int n;
            try {
                n = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0 || (!points.isEmpty() && n <= points.get(points.size() - 1)) || (n == 0 && value.contains(","))) {
                throw new UserError("--recompute must be " + AUTO + ", " + OFF + ", a number of layers or increasing "
                        + "numbers separated by commas, not '" + value + "'");
            }
            points.add(n);
        }
        return points.equals(List.of(0)) ? List.of() : points;
    }
}
