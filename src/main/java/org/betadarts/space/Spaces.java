package org.betadarts.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.betadarts.io.UserError;
import org.betadarts.space.darts.DartsSpace;
import org.betadarts.space.darts.RobustDartsSpaces;
import org.betadarts.space.nb201.Nb201Space;

/**
 * The search spaces by name: each entry reaches everything of its space (search, training, benchmark,
 * drawing) through {@link SearchSpace}.
 */
public final class Spaces {
    /** The space a search explores unless told otherwise. */
    public static final String DEFAULT = Nb201Space.NAME;

    private Spaces() {}

    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of(Nb201Space.NAME));
        names.addAll(DartsSpace.names());
        names.addAll(RobustDartsSpaces.names());
        return List.copyOf(names);
    }

    public static SearchSpace byName(String name) {
        return switch (name) {
            case Nb201Space.NAME -> new Nb201Space();
            case DartsSpace.NAME -> DartsSpace.darts();
            case DartsSpace.NAME_8OP -> DartsSpace.darts8op();
            case RobustDartsSpaces.S1 -> RobustDartsSpaces.s1();
            case RobustDartsSpaces.S2 -> RobustDartsSpaces.s2();
            case RobustDartsSpaces.S3 -> RobustDartsSpaces.s3();
            case RobustDartsSpaces.S4 -> RobustDartsSpaces.s4();
            default -> throw new UserError("unknown search space '" + name + "': expected one of " + names());
        };
    }

    /** How cells of the search space {@code name} train. */
    public static CellTraining training(String name) {
        return byName(name).training();
    }

    /** How the cells whose genotypes look like {@code text} train, if any space's do. */
    public static Optional<CellTraining> recognizing(String text) {
        return names().stream().map(n -> byName(n).training()).filter(t -> t.recognizes(text)).findFirst();
    }
}
