package org.betadarts.space;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.Parameters;

/**
 * A cell search space described as data: its α tensors, how to build its supernet, and how to read
 * a genotype off α; how its cells train ({@link #training()}); and what reports may add: a benchmark
 * of its cells, a drawing of a cell. The rest of the program knows spaces only through this interface.
 */
public interface SearchSpace {
    String name();

    /** The α tensors this space searches, in a fixed order. */
    List<AlphaSpec> alphas();

    /** Builds the supernet of DARTS' mixing, creating its weights in {@code params}. */
    default SupernetModel supernet(Parameters params, NetworkShape shape) {
        return supernet(params, shape, EdgeMixing.WEIGHTED_SUM);
    }

    /** Builds the supernet whose edges combine their candidates by {@code mixing} (a search method's). */
    SupernetModel supernet(Parameters params, NetworkShape shape, EdgeMixing mixing);

    /** The discrete cell that α selects; one matrix per α tensor, rows = edges. */
    Genotype derive(List<float[][]> alphas);

    /**
     * The discrete cell that α selects when every edge's op weights softmax(α) are scaled by an edge
     * weight (PC-DARTS' edge normalization), one array per α tensor, one value per edge. A space that
     * keeps every edge (NAS-Bench-201) ignores them, the default.
     */
    default Genotype derive(List<float[][]> alphas, List<double[]> edgeWeights) {
        return derive(alphas);
    }

    /**
     * How many edges enter each intermediate node of the cell, node by node; the rows of every α tensor
     * are the edges in this order (NAS-Bench-201: 1, 2, 3; DARTS: 2, 3, 4, 5).
     */
    List<Integer> edgesPerNode();

    /**
     * The settings of a named search preset that differ for this space, by {@code SearchConfig} field
     * name (for example the number of epochs and cells of the reference search); none by default.
     */
    default Map<String, Object> presetOverrides(String preset) {
        return Map.of();
    }

    /** Whether candidate op {@code op} has no weights (see {@link ParameterFreeOps}). */
    boolean parameterFree(String op);

    /** How this space's cells are read and trained from scratch. */
    CellTraining training();

    /** The published results of this space's cells, if there are any. */
    default Optional<Benchmark> benchmark() {
        return Optional.empty();
    }

    /**
     * The edges of the cell written as {@code genotype}, to draw, for a space whose cells can be drawn
     * as nodes on a line (node 0 the input, the last the output); empty by default.
     */
    default Optional<List<CellEdge>> drawing(String genotype) {
        return Optional.empty();
    }

    /** The title of edge {@code edge} (a row) of the α tensor named {@code tensor} in reports. */
    default String edgeTitle(String tensor, int edge) {
        return tensor + " edge " + edge;
    }
}
