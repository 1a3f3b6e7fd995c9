package org.betadarts.space.nb201;

import java.util.List;
import org.betadarts.nn.AvgPool;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Parameters;
import org.betadarts.space.OpTable;

/**
 * The five NAS-Bench-201 operations as data: name to constructor and whether the op has weights, in α
 * column order. All act at stride 1 on {@code channels} channels. {@code none} builds to {@code null}:
 * the zero operation.
 */
public final class Nb201Ops {
    /** Builds one candidate on an edge. */
    @FunctionalInterface
    public interface Factory {
        Candidate create(Parameters p, int channels, boolean affine);
    }

    private static final OpTable<Factory> TABLE = new OpTable<Factory>("NAS-Bench-201")
            .add("none", true, (p, c, affine) -> null)
            .add("skip_connect", true, (p, c, affine) -> Candidate.onValue(Layers.IDENTITY))
            .add("nor_conv_1x1", false, (p, c, affine) -> Candidate.onRelu(Layers.convBn(p, c, c, 1, 1, 0, affine)))
            .add("nor_conv_3x3", false, (p, c, affine) -> Candidate.onRelu(Layers.convBn(p, c, c, 3, 1, 1, affine)))
            .add("avg_pool_3x3", true, (p, c, affine) -> new AvgPool(3, 1, 1).candidate());

    private Nb201Ops() {}

    public static List<String> names() {
        return TABLE.names();
    }

    public static Candidate create(String name, Parameters p, int channels, boolean affine) {
        return TABLE.factory(name).create(p.child(name), channels, affine);
    }

    /** Whether op {@code name} has no weights. */
    public static boolean parameterFree(String name) {
        return TABLE.parameterFree(name);
    }
}
