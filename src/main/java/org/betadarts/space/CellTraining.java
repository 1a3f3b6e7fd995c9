package org.betadarts.space;

import java.util.List;
import java.util.Map;
import org.betadarts.nn.Parameters;

/**
 * How the cells of a space are read and trained from scratch: reads the space's genotypes, builds the
 * network that trains one, and names the space's training presets. Several spaces may share one (the
 * DARTS spaces do).
 */
public interface CellTraining {
    /** The name cells of this kind are saved under: a space's name, as in {@link Spaces}. */
    String name();

    /** Whether {@code text} has the form of this kind's genotypes (it may still be malformed). */
    boolean recognizes(String text);

    /** Reads a genotype's text form; a malformed one is a {@link org.betadarts.io.UserError}. */
    Genotype parse(String text);

    /**
     * Builds the evaluation network of {@code genotype}, creating its weights in {@code params}, with an
     * auxiliary head when {@code auxiliary} (a network without one refuses it with a
     * {@link org.betadarts.io.UserError}).
     */
    EvalNetwork build(Parameters params, NetworkShape shape, Genotype genotype, boolean auxiliary);

    /**
     * Whether this kind's networks count their depth in cells per stage (NAS-Bench-201's N, option
     * {@code -N/--cells-per-stage}) rather than in cells in all (the DARTS spaces' L, option
     * {@code --layers}), the default.
     */
    default boolean cellsPerStage() {
        return false;
    }

    /** Whether the network drops cell paths when asked to (see {@link EvalNetwork#forward}). */
    default boolean hasDropPath() {
        return false;
    }

    /** The names of the training presets, the first being the default. */
    List<String> presets();

    /**
     * The settings of preset {@code name} (one of {@link #presets()}) that differ from the
     * NAS-Bench-201 protocol, the base of every training preset, by {@code TrainConfig} field name.
     */
    Map<String, Object> preset(String name);
}
