package org.betadarts.regularize;

import java.util.List;
import org.betadarts.io.UserError;

/** Builds a regularizer from its command-line name and settings. */
public final class Regularizers {
    private Regularizers() {}

    public static List<String> names() {
        return List.of(NoRegularizer.NAME, BetaDecay.NAME);
    }

    public static Regularizer create(String name, LambdaSchedule lambda) {
        return switch (name) {
            case NoRegularizer.NAME -> new NoRegularizer();
            case BetaDecay.NAME -> new BetaDecay(lambda);
            default -> throw new UserError("unknown regularizer '" + name + "': expected one of " + names());
        };
    }
}
