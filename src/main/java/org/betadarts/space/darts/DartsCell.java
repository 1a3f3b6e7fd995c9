package org.betadarts.space.darts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.FactorizedReduce;
import org.betadarts.nn.Feature;
import org.betadarts.nn.Layers;
import org.betadarts.nn.MemoryFormat;
import org.betadarts.nn.MixedOp;
import org.betadarts.nn.NodeSum;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.Scoped;

/**
 * A DARTS cell. Nodes 0 and 1 are the outputs of the two previous cells, brought to {@code c}
 * channels by ReLU-Conv1x1-BN (node 0 by {@link FactorizedReduce} when the cell before the previous
 * one reduced, so that both inputs have the same size). Nodes 2, 3, ... are each the sum of their
 * incoming edges; the output concatenates the {@link Plan#concat()} nodes. In a reduction cell the
 * edges leaving nodes 0 and 1 have stride 2.
 *
 * <p>Every edge mixes its candidate ops with one row of the weights, so the same class is the
 * supernet cell (all 14 edges, every candidate) and a discrete cell (the kept edges, one op each,
 * weight 1).
 */
public final class DartsCell {
    /** An edge from node {@code from} to node {@code to} with its candidate ops. */
    public record Edge(int from, int to, List<String> ops) {
        public Edge {
            if (from < 0 || from >= to || to < 2) {
                throw new IllegalArgumentException("no cell edge " + from + " -> " + to);
            }
            ops = List.copyOf(ops);
        }
    }

    /**
     * The shape of a cell: its edges, in the order of the weight rows, and the nodes it outputs.
     * Every intermediate node needs an incoming edge with a candidate other than {@code none}.
     */
    public record Plan(List<Edge> edges, List<Integer> concat) {
        public Plan {
            edges = List.copyOf(edges);
            concat = List.copyOf(concat);
            for (int node = 2; node < nodes(edges); node++) {
                int n = node;
                boolean fed = edges.stream()
                        .anyMatch(e -> e.to() == n && !e.ops().stream().allMatch(DartsOps.NONE::equals));
                if (!fed) {
                    throw new IllegalArgumentException("node " + node + " has no incoming edge with an op but none");
                }
            }
        }

        private static int nodes(List<Edge> edges) {
            int n = 2;
            for (Edge e : edges) {
                n = Math.max(n, e.to() + 1);
            }
            return n;
        }

        /** Number of nodes, inputs included. */
        public int nodes() {
            return nodes(edges);
        }
    }

    /** Intermediate nodes of a DARTS cell. */
    public static final int STEPS = 4;
    /** Edges of a fully connected DARTS cell: 2 + 3 + 4 + 5. */
    public static final int EDGES = 14;
    /** The nodes a DARTS cell outputs: all intermediate ones. */
    public static final List<Integer> CONCAT = List.of(2, 3, 4, 5);

    private final Module preprocess0;
    private final Module preprocess1;
    private final Plan plan;
    private final MixedOp[] edges;
    private final boolean[] identity;
    private final boolean reduction;
    private final int channels;
    /** Whether the edges leaving a node may share computations with state ({@link Feature#sharedWithState}). */
    private final boolean shareState;

    /**
     * @param reductionPrev whether the previous cell reduced (node 0 is then twice the size of node 1)
     * @param affine whether batch norm is affine (false in the supernet)
     */
    public DartsCell(Parameters p, int channelsPrevPrev, int channelsPrev, int channels, boolean reduction,
                     boolean reductionPrev, Plan plan, boolean affine) {
        this(p, channelsPrevPrev, channelsPrev, channels, reduction, reductionPrev, plan, affine,
                EdgeMixing.WEIGHTED_SUM);
    }

    /** @param mixing how every edge combines its candidates (the search method's) */
    public DartsCell(Parameters p, int channelsPrevPrev, int channelsPrev, int channels, boolean reduction,
                     boolean reductionPrev, Plan plan, boolean affine, EdgeMixing mixing) {
        this.plan = plan;
        this.reduction = reduction;
        this.channels = channels;
        this.shareState = mixing.computesEveryCandidate();
        preprocess0 = reductionPrev
                ? Layers.RELU.then(new FactorizedReduce(p.child("preprocess0"), channelsPrevPrev, channels, affine))
                : Layers.reluConvBn(p.child("preprocess0"), channelsPrevPrev, channels, 1, 1, 0, affine);
        preprocess1 = Layers.reluConvBn(p.child("preprocess1"), channelsPrev, channels, 1, 1, 0, affine);
        edges = new MixedOp[plan.edges().size()];
        identity = new boolean[edges.length];
        for (int e = 0; e < edges.length; e++) {
            Edge edge = plan.edges().get(e);
            int stride = reduction && edge.from() < 2 ? 2 : 1;
            identity[e] = stride == 1 && edge.ops().equals(List.of(DartsOps.SKIP));
            Parameters ep = p.child("edge" + e);
            List<Candidate> candidates = new ArrayList<>();
            for (String op : edge.ops()) {
                candidates.add(DartsOps.create(op, ep, mixing.candidateChannels(channels), stride, affine));
            }
            edges[e] = new MixedOp(candidates, auxiliarySkip(edge.ops(), candidates, stride), mixing);
        }
    }

    /**
     * The path DARTS- adds outside the softmax: the identity, or on a stride-2 edge the edge's own
     * skip_connect candidate (a FactorizedReduce, whose weights it then shares); {@code null} where a
     * stride-2 edge has no skip_connect (S1, S4), which DARTS- refuses.
     */
    private static Candidate auxiliarySkip(List<String> ops, List<Candidate> candidates, int stride) {
        if (stride == 1) {
            return (in, training) -> in.value();
        }
        int skip = ops.indexOf("skip_connect");
        return skip < 0 ? null : candidates.get(skip);
    }

    /** The 14 edges of a DARTS cell, node by node (2&lt;-0, 2&lt;-1, 3&lt;-0, ...), with their candidates. */
    public static List<Edge> fullyConnected(List<List<String>> opsPerEdge) {
        if (opsPerEdge.size() != EDGES) {
            throw new IllegalArgumentException("a DARTS cell has " + EDGES + " edges, got " + opsPerEdge.size());
        }
        List<Edge> out = new ArrayList<>();
        for (int node = 2; node < 2 + STEPS; node++) {
            for (int from = 0; from < node; from++) {
                out.add(new Edge(from, node, opsPerEdge.get(out.size())));
            }
        }
        return out;
    }

    public boolean reduction() {
        return reduction;
    }

    /** Channels of the output: c per concatenated node. */
    public int outChannels() {
        return channels * plan.concat().size();
    }

    /**
     * The value of a node whose incoming edges computed nothing (a search method that samples one op
     * per edge drew the zero operation on each): zeros of a node's shape, {@code input} (node 1) at the
     * cell's stride.
     */
    private NDArray zeros(NDArray input) {
        Shape s = input.getShape();
        int stride = reduction ? 2 : 1;
        return input.getManager().zeros(new Shape(s.get(0), s.get(1), (s.get(2) + stride - 1) / stride,
                (s.get(3) + stride - 1) / stride), input.getDataType());
    }

    /**
     * @param weights shape (edges, ops): the mixing weight of each candidate on each edge
     */
    public NDArray forward(NDArray s0, NDArray s1, NDArray weights, boolean training) {
        return forward(s0, s1, weights, training, DropPath.NONE);
    }

    /**
     * The forward pass with drop-path on the output of every edge that is not the identity (an edge whose
     * only op is {@code skip_connect} at stride 1), as the DARTS evaluation network trains.
     */
    public NDArray forward(NDArray s0, NDArray s1, NDArray weights, boolean training, DropPath dropPath) {
        // the nodes and what is derived from them are released when the cell's scope ends
        return Scoped.compute(() -> {
            Feature[] nodes = new Feature[plan.nodes()];
            nodes[0] = new Feature(preprocess0.forward(s0, training), shareState);
            nodes[1] = new Feature(preprocess1.forward(s1, training), shareState);
            UnaryOperator<NDArray> drop = out -> dropPath.forward(out, training);
            for (int node = 2; node < nodes.length; node++) {
                NodeSum sum = new NodeSum();
                for (int e = 0; e < edges.length; e++) {
                    Edge edge = plan.edges().get(e);
                    if (edge.to() == node) {
                        sum.add(edges[e], nodes[edge.from()], weights, e, training,
                                identity[e] ? UnaryOperator.identity() : drop);
                    }
                }
                Feature input = nodes[1];
                nodes[node] = new Feature(sum.value(() -> zeros(input.value())), shareState);
            }
            NDList parts = new NDList();
            for (int node : plan.concat()) {
                parts.add(MemoryFormat.withDenseGradient(nodes[node].value()));
            }
            return NDArrays.concat(parts, 1);
        });
    }
}
