package org.betadarts.space;

import java.util.List;
import java.util.Map;
import org.betadarts.nn.Parameters;

/**
 * A cell search space described as data: its α tensors, how to build its supernet, and how to read
 * a genotype off α. The search loop knows spaces only through this interface.
 */
public interface SearchSpace {
    String name();

    /** The α tensors this space searches, in a fixed order. */
    List<AlphaSpec> alphas();

    /** Builds the supernet, creating its weights in {@code params}. */
    SupernetModel supernet(Parameters params, NetworkShape shape);

    /** The discrete cell that α selects; one matrix per α tensor, rows = edges. */
    Genotype derive(List<float[][]> alphas);

    /**
     * The settings of a named search preset that differ for this space, by {@code SearchConfig} field
     * name (for example the number of epochs and cells of the reference search); none by default.
     */
    default Map<String, Object> presetOverrides(String preset) {
        return Map.of();
    }
}
