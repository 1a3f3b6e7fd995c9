package org.betadarts.space.nb201;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.betadarts.io.UserError;
import org.betadarts.space.Genotype;

/**
 * A NAS-Bench-201 cell: one operation on each of the six edges of a four-node cell. Node 0 is the
 * cell input, node 3 the output; edge e joins {@link Nb201Cell#edgeFrom(int)} to {@link Nb201Cell#edgeTo(int)}
 * in the order 1&lt;-0, 2&lt;-0, 2&lt;-1, 3&lt;-0, 3&lt;-1, 3&lt;-2. Written as an arch string such as
 * {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|}.
 * Immutable.
 */
public final class Nb201Genotype implements Genotype {
    private static final List<String> OPS = Nb201Ops.names();
    private static final int NODES = Nb201Cell.NODES;
    private static final int EDGES = Nb201Cell.EDGES;

    private final int[] ops;

    private Nb201Genotype(int[] ops) {
        this.ops = ops;
    }

    /** The cell with op {@code Nb201Ops.names().get(idx[e])} on edge e. */
    public static Nb201Genotype ofOpIndices(int... idx) {
        if (idx.length != EDGES) {
            throw new IllegalArgumentException("expected " + EDGES + " op indices, got " + idx.length);
        }
        for (int k : idx) {
            if (k < 0 || k >= OPS.size()) {
                throw new IllegalArgumentException("op index " + k + " is outside 0.." + (OPS.size() - 1));
            }
        }
        return new Nb201Genotype(idx.clone());
    }

    /** Reads an arch string; throws {@link UserError} saying what is wrong if it is malformed. */
    @JsonCreator
    public static Nb201Genotype parse(String arch) {
        if (arch == null) {
            throw new UserError("NAS-Bench-201 arch string is missing");
        }
        String s = arch.strip();
        if (s.isEmpty()) {
            throw bad(s, "it is empty");
        }
        String[] nodes = s.split("\\+", -1);
        if (nodes.length != NODES - 1) {
            throw bad(s, "it has " + nodes.length + " node(s) separated by '+', expected " + (NODES - 1));
        }
        int[] idx = new int[EDGES];
        for (int node = 1; node < NODES; node++) {
            String part = nodes[node - 1];
            if (part.length() < 2 || !part.startsWith("|") || !part.endsWith("|")) {
                throw bad(s, "node " + node + " '" + part + "' must start and end with '|'");
            }
            String[] edges = part.substring(1, part.length() - 1).split("\\|", -1);
            if (edges.length != node) {
                throw bad(s, "node " + node + " has " + edges.length + " edge(s), expected " + node);
            }
            for (int j = 0; j < node; j++) {
                idx[Nb201Cell.edgeIndex(j, node)] = parseEdge(s, edges[j], j, node);
            }
        }
        return new Nb201Genotype(idx);
    }

    private static int parseEdge(String arch, String edge, int from, int to) {
        int tilde = edge.lastIndexOf('~');
        if (tilde < 0) {
            throw bad(arch, "edge '" + edge + "' of node " + to + " lacks its input '~" + from + "'");
        }
        String input = edge.substring(tilde + 1);
        if (!input.equals(Integer.toString(from))) {
            throw bad(arch, "edge '" + edge + "' of node " + to + " has input '~" + input + "', expected '~"
                    + from + "' (inputs are listed 0.." + (to - 1) + " in order)");
        }
        String op = edge.substring(0, tilde);
        int k = OPS.indexOf(op);
        if (k < 0) {
            throw bad(arch, "unknown op '" + op + "' on edge " + to + "<-" + from + "; valid ops: "
                    + String.join(", ", OPS));
        }
        return k;
    }

    private static UserError bad(String arch, String why) {
        String msg = "bad NAS-Bench-201 arch '" + arch + "': " + why;
        return new UserError(msg.replace("\r", "\\r").replace("\n", "\\n"));
    }

    /** The arch string, e.g. {@code |none~0|+|none~0|none~1|+|none~0|none~1|none~2|}. */
    @JsonValue
    public String toArchString() {
        StringBuilder b = new StringBuilder("|");
        for (int e = 0; e < EDGES; e++) {
            if (e > 0 && Nb201Cell.edgeFrom(e) == 0) {
                b.append("+|");
            }
            b.append(op(e)).append('~').append(Nb201Cell.edgeFrom(e)).append('|');
        }
        return b.toString();
    }

    /** Name of the op on edge {@code edge}. */
    public String op(int edge) {
        return OPS.get(ops[edge]);
    }

    /** Index in {@link Nb201Ops#names()} of the op on edge {@code edge}. */
    public int opIndex(int edge) {
        return ops[edge];
    }

    /** Op indices of all edges, in edge order (a copy). */
    public int[] opIndices() {
        return ops.clone();
    }

    /** Op names of all edges, in edge order. */
    public List<String> ops() {
        List<String> names = new ArrayList<>(EDGES);
        for (int e = 0; e < EDGES; e++) {
            names.add(op(e));
        }
        return List.copyOf(names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Nb201Genotype g && Arrays.equals(ops, g.ops);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ops);
    }

    @Override
    public String toString() {
        return toArchString();
    }

    @Override
    public String text() {
        return toArchString();
    }
}
