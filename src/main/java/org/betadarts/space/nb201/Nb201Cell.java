package org.betadarts.space.nb201;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.Feature;
import org.betadarts.nn.Layers;
import org.betadarts.nn.MixedOp;
import org.betadarts.nn.NodeSum;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.Scoped;

/**
 * The NAS-Bench-201 cell: nodes 0..3, node 0 is the input, node i is the sum over j &lt; i of the
 * edge i&lt;-j applied to node j, and node 3 is the output. Edges are numbered 1&lt;-0, 2&lt;-0,
 * 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2. Each edge mixes the given ops, so the same class is the
 * supernet cell (all five ops) and a discrete cell (one op per edge, weight 1).
 */
public final class Nb201Cell {
    public static final int NODES = 4;
    public static final int EDGES = 6;

    private static final int[] FROM = {0, 0, 1, 0, 1, 2};
    private static final int[] TO = {1, 2, 2, 3, 3, 3};

    private final MixedOp[] edges = new MixedOp[EDGES];

    /** Source node of edge {@code edge}. */
    public static int edgeFrom(int edge) {
        return FROM[edge];
    }

    /** Target node of edge {@code edge}. */
    public static int edgeTo(int edge) {
        return TO[edge];
    }

    /** Index of the edge from node {@code from} to node {@code to}, with 0 &lt;= from &lt; to &lt;= 3. */
    public static int edgeIndex(int from, int to) {
        if (from < 0 || to >= NODES || from >= to) {
            throw new IllegalArgumentException("no edge " + to + "<-" + from);
        }
        return to * (to - 1) / 2 + from;
    }

    /** @param ops the candidate op names of each edge */
    public Nb201Cell(Parameters p, int channels, List<List<String>> ops, boolean affine) {
        this(p, channels, ops, affine, EdgeMixing.WEIGHTED_SUM);
    }

    /** @param mixing how every edge combines its candidates (the search method's) */
    public Nb201Cell(Parameters p, int channels, List<List<String>> ops, boolean affine, EdgeMixing mixing) {
        for (int e = 0; e < EDGES; e++) {
            List<Candidate> candidates = new ArrayList<>();
            Parameters edge = p.child("edge" + e);
            for (String op : ops.get(e)) {
                candidates.add(Nb201Ops.create(op, edge, mixing.candidateChannels(channels), affine));
            }
            edges[e] = new MixedOp(candidates, Candidate.onValue(Layers.IDENTITY), mixing);
        }
    }

    /** @param weights shape (6, ops): the mixing weight of each op on each edge */
    public NDArray forward(NDArray x, NDArray weights, boolean training) {
        // the nodes and what is derived from them are released when the cell's scope ends
        return Scoped.apply(x, in -> {
            Feature[] nodes = new Feature[NODES];
            nodes[0] = new Feature(in);
            int e = 0;
            for (int i = 1; i < NODES; i++) {
                NodeSum sum = new NodeSum();
                for (int j = 0; j < i; j++, e++) {
                    sum.add(edges[e], nodes[j], weights, e, training);
                }
                nodes[i] = new Feature(sum.value(in::zerosLike));
            }
            return nodes[NODES - 1].value();
        });
    }
}
