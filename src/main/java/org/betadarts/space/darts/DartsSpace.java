package org.betadarts.space.darts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.Parameters;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.CellTraining;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Softmax;
import org.betadarts.space.SupernetModel;

/**
 * A search space over the DARTS cell and network: two α tensors, {@code normal} and {@code reduce},
 * 14 edges each, with the candidate ops of every edge given as data. The DARTS space ({@code darts})
 * offers the seven ops searched by β-DARTS everywhere (the official code's space s5: DARTS without
 * {@code none}); {@code darts-8op} is the original DARTS space, all eight ops with {@code none}; the
 * RobustDARTS spaces ({@link RobustDartsSpaces}) restrict them. The network size
 * is {@link NetworkShape#cells()} = L cells in all (reductions at L/3 and 2L/3).
 *
 * <p>Derivation, as the reference does it: per intermediate node, the two incoming edges whose
 * strongest non-none op has the largest softmax weight (ties: the earlier edge), each with its
 * strongest non-none op (ties: the earlier op), strongest edge first; all four nodes concatenated.
 */
public final class DartsSpace implements SearchSpace {
    public static final String NAME = "darts";
    public static final String NAME_8OP = "darts-8op";

    private final String name;
    private final List<List<String>> normalOps;
    private final List<List<String>> reduceOps;

    /** @param normalOps the candidate ops of each of the 14 edges of the normal cell (likewise reduce) */
    public DartsSpace(String name, List<List<String>> normalOps, List<List<String>> reduceOps) {
        this.name = name;
        this.normalOps = checked(normalOps);
        this.reduceOps = checked(reduceOps);
    }

    /** The same candidates on every edge of both cells. */
    public static DartsSpace withOps(String name, List<String> ops) {
        List<List<String>> all = Collections.nCopies(DartsCell.EDGES, ops);
        return new DartsSpace(name, all, all);
    }

    /** The DARTS space as β-DARTS searches it: the seven ops without {@code none} on every edge. */
    public static DartsSpace darts() {
        return withOps(NAME, DartsOps.DARTS_7OP);
    }

    /** The original DARTS space: the eight ops, {@code none} included, on every edge. */
    public static DartsSpace darts8op() {
        return withOps(NAME_8OP, DartsOps.DARTS_8OP);
    }

    /** The names of {@link #darts()} and {@link #darts8op()}. */
    public static List<String> names() {
        return List.of(NAME, NAME_8OP);
    }

    private static List<List<String>> checked(List<List<String>> ops) {
        DartsCell.fullyConnected(ops);
        for (List<String> edge : ops) {
            for (String op : edge) {
                if (!DartsOps.exists(op)) {
                    throw new IllegalArgumentException("unknown DARTS op " + op);
                }
            }
        }
        return ops.stream().map(List::copyOf).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<AlphaSpec> alphas() {
        return List.of(new AlphaSpec("normal", normalOps), new AlphaSpec("reduce", reduceOps));
    }

    @Override
    public SupernetModel supernet(Parameters params, NetworkShape shape, EdgeMixing mixing) {
        DartsNetwork net = new DartsNetwork(params, shape,
                new DartsCell.Plan(DartsCell.fullyConnected(normalOps), DartsCell.CONCAT),
                new DartsCell.Plan(DartsCell.fullyConnected(reduceOps), DartsCell.CONCAT), false, mixing);
        boolean random = Stream.of(normalOps, reduceOps)
                .flatMap(List::stream).flatMap(List::stream).anyMatch(DartsOps::isRandom);
        return new DartsSupernet(net, random);
    }

    @Override
    public boolean parameterFree(String op) {
        return DartsOps.parameterFree(op);
    }

    /** The same for every DARTS space: cells are saved as {@code darts} cells. */
    @Override
    public CellTraining training() {
        return new DartsTraining();
    }

    @Override
    public DartsGenotype derive(List<float[][]> alphas) {
        return derive(alphas, List.of(ones(), ones()));
    }

    /** As PC-DARTS derives: an edge's strength is its op's softmax weight times the edge weight. */
    @Override
    public DartsGenotype derive(List<float[][]> alphas, List<double[]> edgeWeights) {
        return new DartsGenotype(deriveCell(alphas.get(0), edgeWeights.get(0), normalOps), DartsCell.CONCAT,
                deriveCell(alphas.get(1), edgeWeights.get(1), reduceOps), DartsCell.CONCAT);
    }

    private static double[] ones() {
        double[] w = new double[DartsCell.EDGES];
        Arrays.fill(w, 1);
        return w;
    }

    /** Nodes 2 to 5 read 2, 3, 4 and 5 edges. */
    @Override
    public List<Integer> edgesPerNode() {
        List<Integer> n = new ArrayList<>();
        for (int node = 2; node < 2 + DartsCell.STEPS; node++) {
            n.add(node);
        }
        return n;
    }

    /**
     * The official search of the DARTS spaces: 50 epochs of 8 cells; a smaller network for the quick one.
     * Both perturb the weight steps' op weights randomly (SDARTS-RS), the official DARTS-space script's default.
     */
    @Override
    public Map<String, Object> presetOverrides(String preset) {
        return switch (preset) {
            case "paper" -> Map.of("epochs", 50, "cells", 8, "clipAlpha", false, "perturbAlpha", "random");
            case "quick" -> Map.of("cells", 5, "channels", 4, "clipAlpha", false, "perturbAlpha", "random");
            default -> Map.of();
        };
    }

    private static List<DartsGenotype.Entry> deriveCell(float[][] alpha, double[] edgeWeight, List<List<String>> ops) {
        List<DartsGenotype.Entry> entries = new ArrayList<>();
        int e = 0;
        for (int node = 2; node < 2 + DartsCell.STEPS; node++) {
            List<double[]> weights = new ArrayList<>();
            List<Integer> inputs = new ArrayList<>();
            for (int from = 0; from < node; from++, e++) {
                double[] w = Softmax.of(alpha[e]);
                for (int k = 0; k < w.length; k++) {
                    w[k] *= edgeWeight[e];
                }
                weights.add(w);
                inputs.add(from);
            }
            int first = e - node;
            List<Integer> order = new ArrayList<>(inputs);
            order.sort(Comparator.comparingDouble(j -> -strongest(weights.get(j), ops.get(first + j))));
            for (int j : order.subList(0, 2)) {
                int best = bestOp(weights.get(j), ops.get(first + j));
                entries.add(new DartsGenotype.Entry(ops.get(first + j).get(best), j));
            }
        }
        return entries;
    }

    /** The largest weight of a non-none op on an edge (-infinity when it has none other). */
    private static double strongest(double[] w, List<String> ops) {
        int best = bestOp(w, ops);
        return best < 0 ? Double.NEGATIVE_INFINITY : w[best];
    }

    /** The index of the strongest non-none op, the first on ties; -1 when there is none. */
    private static int bestOp(double[] w, List<String> ops) {
        int best = -1;
        for (int k = 0; k < w.length; k++) {
            if (!ops.get(k).equals(DartsOps.NONE) && (best < 0 || w[k] > w[best])) {
                best = k;
            }
        }
        return best;
    }
}
