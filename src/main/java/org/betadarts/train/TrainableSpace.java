package org.betadarts.train;

import java.util.List;
import org.betadarts.nn.Parameters;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;

/**
 * A search space as training sees it: reads the space's genotypes, builds the network that trains one
 * from scratch, and knows the space's training presets. One implementation per space.
 */
public interface TrainableSpace {
    /** The space's name, as in {@link org.betadarts.space.Spaces}. */
    String name();

    /** Whether this is how cells of the search space {@code space} train (several spaces may share one way). */
    default boolean trains(String space) {
        return name().equals(space);
    }

    /** Whether {@code text} has the form of this space's genotypes (it may still be malformed). */
    boolean recognizes(String text);

    /** Reads a genotype's text form; a malformed one is a {@link org.betadarts.io.UserError}. */
    Genotype parse(String text);

    /**
     * Builds the evaluation network of {@code genotype}, creating its weights in {@code params}, with an
     * auxiliary head when {@code auxiliary} (a space without one refuses it with a
     * {@link org.betadarts.io.UserError}).
     */
    EvalNetwork build(Parameters params, NetworkShape shape, Genotype genotype, boolean auxiliary);

    /** Whether the network of this space drops cell paths when asked to (see {@link EvalNetwork#forward}). */
    default boolean hasDropPath() {
        return false;
    }

    /** The names of {@link #preset(String)}, the first being the default. */
    List<String> presets();

    /** The named preset; an unknown name is a {@link org.betadarts.io.UserError}. */
    TrainConfig preset(String name);
}
