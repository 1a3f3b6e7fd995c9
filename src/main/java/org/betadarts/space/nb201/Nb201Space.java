package org.betadarts.space.nb201;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.Parameters;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.Benchmark;
import org.betadarts.space.CellEdge;
import org.betadarts.space.CellTraining;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.SupernetModel;

/**
 * The NAS-Bench-201 search space: one α of shape 6 x 5 shared by every cell; the genotype keeps
 * the strongest of all five ops on each edge (none included), as the benchmark's search code does.
 */
public final class Nb201Space implements SearchSpace {
    public static final String NAME = "nb201";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlphaSpec> alphas() {
        return List.of(new AlphaSpec("cell", Nb201Cell.EDGES, Nb201Ops.names()));
    }

    @Override
    public SupernetModel supernet(Parameters params, NetworkShape shape, EdgeMixing mixing) {
        List<List<String>> ops = Collections.nCopies(Nb201Cell.EDGES, Nb201Ops.names());
        return new Nb201Supernet(new Nb201Network(params, shape, ops, false, mixing));
    }

    /** Nodes 1, 2, 3 read 1, 2 and 3 edges. */
    @Override
    public List<Integer> edgesPerNode() {
        return List.of(1, 2, 3);
    }

    @Override
    public Genotype derive(List<float[][]> alphas) {
        float[][] alpha = alphas.get(0);
        int[] best = new int[alpha.length];
        for (int e = 0; e < alpha.length; e++) {
            for (int o = 1; o < alpha[e].length; o++) {
                if (alpha[e][o] > alpha[e][best[e]]) {
                    best[e] = o;
                }
            }
        }
        return Nb201Genotype.ofOpIndices(best);
    }

    @Override
    public CellTraining training() {
        return new Nb201Training();
    }

    @Override
    public Optional<Benchmark> benchmark() {
        return Optional.of(new Nb201Benchmark());
    }

    @Override
    public boolean parameterFree(String op) {
        return Nb201Ops.parameterFree(op);
    }

    @Override
    public Optional<List<CellEdge>> drawing(String genotype) {
        Nb201Genotype g = Nb201Genotype.parse(genotype);
        List<CellEdge> edges = new ArrayList<>();
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            edges.add(new CellEdge(Nb201Cell.edgeFrom(e), Nb201Cell.edgeTo(e), g.op(e)));
        }
        return Optional.of(edges);
    }

    /** {@code Edge 3 ← 1}: the one α tensor's rows are the cell's edges. */
    @Override
    public String edgeTitle(String tensor, int edge) {
        return "Edge " + Nb201Cell.edgeTo(edge) + " ← " + Nb201Cell.edgeFrom(edge);
    }
}
