package org.betadarts.space;

import java.util.List;
import org.betadarts.io.UserError;
import org.betadarts.space.nb201.Nb201Space;

/** The search spaces by name. */
public final class Spaces {
    private Spaces() {}

    public static List<String> names() {
        return List.of(Nb201Space.NAME);
    }

    public static SearchSpace byName(String name) {
        return switch (name) {
            case Nb201Space.NAME -> new Nb201Space();
            default -> throw new UserError("unknown search space '" + name + "': expected one of " + names());
        };
    }
}
