package org.betadarts.train;

import java.util.List;
import java.util.Optional;
import org.betadarts.io.UserError;

/** The ways cells train, by search space or by the form of a genotype's text. */
public final class TrainableSpaces {
    private static final List<TrainableSpace> ALL = List.of(new Nb201Training(), new DartsTraining());

    private TrainableSpaces() {}

    public static List<String> names() {
        return ALL.stream().map(TrainableSpace::name).toList();
    }

    /** How cells of the search space {@code name} train. */
    public static TrainableSpace byName(String name) {
        return ALL.stream().filter(s -> s.trains(name)).findFirst()
                .orElseThrow(() -> new UserError("cannot train cells of space '" + name + "': expected one of "
                        + names()));
    }

    /** The space whose genotypes look like {@code text}, if any. */
    public static Optional<TrainableSpace> recognizing(String text) {
        return ALL.stream().filter(s -> s.recognizes(text)).findFirst();
    }
}
