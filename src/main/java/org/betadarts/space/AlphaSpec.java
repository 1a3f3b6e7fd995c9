package org.betadarts.space;

import java.util.Collections;
import java.util.List;

/**
 * One architecture-parameter tensor of a space: a row per edge, a column per candidate op. Usually
 * every edge offers the same ops; a space may give each edge its own list (all of one length).
 */
public record AlphaSpec(String name, List<List<String>> edgeOps) {
    public AlphaSpec {
        edgeOps = edgeOps.stream().map(List::copyOf).toList();
        if (edgeOps.isEmpty() || edgeOps.get(0).isEmpty()) {
            throw new IllegalArgumentException("alpha " + name + " needs at least one edge and one op");
        }
        int width = edgeOps.get(0).size();
        for (List<String> ops : edgeOps) {
            if (ops.size() != width) {
                throw new IllegalArgumentException("alpha " + name + ": every edge needs " + width + " ops: " + ops);
            }
        }
    }

    /** The same {@code ops} on each of {@code edges} edges. */
    public AlphaSpec(String name, int edges, List<String> ops) {
        this(name, Collections.nCopies(edges, ops));
    }

    /** Rows. */
    public int edges() {
        return edgeOps.size();
    }

    /** Columns: the number of candidate ops of every edge. */
    public int width() {
        return edgeOps.get(0).size();
    }

    /** The candidate ops of edge {@code edge}, in column order. */
    public List<String> ops(int edge) {
        return edgeOps.get(edge);
    }

    /** Whether every edge offers the same ops. */
    public boolean uniform() {
        return edgeOps.stream().allMatch(edgeOps.get(0)::equals);
    }
}
