package org.betadarts.method;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.betadarts.data.SavableRandom;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.space.AlphaSpec;

/**
 * A gradient-based search method: how every mixed edge combines its candidates ({@link #mixing()}),
 * which mixing weights it reads off α in each pass, and what it adds to the search (architecture
 * parameters of its own, a schedule over the epochs, random draws). Each hook but {@link #name()} and
 * {@link #mixing()} does what DARTS does by default. One instance serves one search.
 */
public interface SearchMethod {
    /** The name used on the command line and in run directories. */
    String name();

    /** How each mixed edge of the supernet combines its candidates with its row of mixing weights. */
    EdgeMixing mixing();

    /**
     * Architecture parameters the method adds to the space's α, one tensor each, trained, saved and
     * restored with α (rows: edges); none by default. Regularizers act on the space's α only.
     */
    default List<AlphaSpec> extraParams() {
        return List.of();
    }

    /** Sets what depends on the epoch (0-based) of {@code epochs}; called before each epoch's steps. */
    default void startEpoch(int epoch, int epochs) {}

    /** Draws what the next pass of the supernet uses; called before each α step, weight step and evaluated batch. */
    default void newPass() {}

    /**
     * The mixing weights of α tensor {@code index} (rows: edges, columns: ops) from its op weights
     * {@code probabilities} (softmax(α), or the perturbed weights of SDARTS); gradients must reach
     * {@code probabilities}. The probabilities themselves by default.
     */
    default NDArray opWeights(int index, NDArray probabilities) {
        return probabilities;
    }

    /**
     * A column (edges x 1) of edge weights for α tensor {@code index}, computed from the method's own
     * parameters {@code extras} (in {@link #extraParams()} order) so that gradients reach them; null
     * (the default) for none. Every mixed edge then multiplies its output by its weight.
     */
    default NDArray edgeWeights(int index, List<NDArray> extras) {
        return null;
    }

    /** {@link #edgeWeights(int, List)} on the host, one array per α tensor, for deriving the cell; null for none. */
    default List<double[]> edgeWeights(List<float[][]> extras) {
        return null;
    }

    /** Whether the α gradient's norm is clipped at the weights' clipping norm before each α update. */
    default boolean clipsAlphaGradient() {
        return false;
    }

    /** Settings in force at an epoch, for the metrics (for example GDAS' temperature). */
    default Map<String, Double> state(int epoch, int epochs) {
        return Map.of();
    }

    /** The generator of the method's random draws, whose state a checkpoint saves; none by default. */
    default Optional<SavableRandom> random() {
        return Optional.empty();
    }
}
