package org.betadarts.space.darts;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.nn.AvgPool;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.FactorizedReduce;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.NormalizedPooling;
import org.betadarts.nn.Parameters;
import org.betadarts.space.OpTable;

/**
 * The operations of the DARTS space as data: name to constructor. Each acts on {@code channels}
 * channels at stride 1 or 2 and keeps the size (stride 1) or gives ceil(size / 2) (stride 2).
 * {@code none} builds to {@code null}: the zero operation. {@code skip_connect} is the identity, or
 * {@link FactorizedReduce} at stride 2. Without {@code affine} (the supernet) every batch norm is
 * non-affine and the pooling ops are followed by one, as in the reference search; a discrete network
 * (affine) has plain pooling. {@code noise} (RobustDARTS' S4) ignores its input's values and returns
 * N(0, 1) noise of the output's shape.
 */
public final class DartsOps {
    /** Builds one candidate on an edge. */
    @FunctionalInterface
    public interface Factory {
        Candidate create(Parameters p, int channels, int stride, boolean affine);
    }

    public static final String NONE = "none";
    /** The eight candidates of the original DARTS space (quark0/darts PRIMITIVES), in α column order. */
    public static final List<String> DARTS_8OP = List.of(NONE, "max_pool_3x3", "avg_pool_3x3", "skip_connect",
            "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");
    /** The seven candidates searched by β-DARTS (its space s5): the eight without {@code none}, same order. */
    public static final List<String> DARTS_7OP = DARTS_8OP.subList(1, DARTS_8OP.size());
    /** The identity at stride 1, {@link FactorizedReduce} at stride 2. */
    public static final String SKIP = "skip_connect";
    /** N(0, 1) noise of the output's shape, whatever the input (RobustDARTS' S4). */
    public static final String NOISE = "noise";

    /**
     * skip_connect counts as parameter-free although on a stride-2 edge it is a {@link FactorizedReduce}
     * with weights: what matters for the collapse it indicates is that α chose the skip.
     */
    private static final OpTable<Factory> TABLE = new OpTable<Factory>("DARTS")
            .add(NONE, true, (p, c, s, affine) -> null)
            .add("max_pool_3x3", true, (p, c, s, affine) ->
                    pooling("max_pool_3x3", s, Layers.maxPool(3, s, 1), p, c, affine))
            .add("avg_pool_3x3", true, (p, c, s, affine) ->
                    pooling("avg_pool_3x3", s, new AvgPool(3, s, 1), p, c, affine))
            .add(SKIP, true, (p, c, s, affine) -> s == 1
                    ? Candidate.onValue(Layers.IDENTITY)
                    : Candidate.onRelu(new FactorizedReduce(p, c, c, affine)))
            .add("sep_conv_3x3", false, (p, c, s, affine) -> Candidate.onRelu(Layers.sepConv(p, c, c, 3, s, 1, affine)))
            .add("sep_conv_5x5", false, (p, c, s, affine) -> Candidate.onRelu(Layers.sepConv(p, c, c, 5, s, 2, affine)))
            .add("dil_conv_3x3", false, (p, c, s, affine) ->
                    Candidate.onRelu(Layers.dilConv(p, c, c, 3, s, 2, 2, affine)))
            .add("dil_conv_5x5", false, (p, c, s, affine) ->
                    Candidate.onRelu(Layers.dilConv(p, c, c, 5, s, 4, 2, affine)))
            .add(NOISE, true, (p, c, s, affine) -> Candidate.onValue(noise(s)));

    private DartsOps() {}

    /** Every known op name. */
    public static List<String> names() {
        return TABLE.names();
    }

    public static boolean exists(String name) {
        return TABLE.exists(name);
    }

    /** Whether the op draws random numbers ({@code noise}): two passes over the same input then differ. */
    public static boolean isRandom(String name) {
        return name.equals(NOISE);
    }

    public static Candidate create(String name, Parameters p, int channels, int stride, boolean affine) {
        return TABLE.factory(name).create(p.child(name), channels, stride, affine);
    }

    /** Whether op {@code name} has no weights. */
    public static boolean parameterFree(String name) {
        return TABLE.parameterFree(name);
    }

    /** Plain pooling in a discrete network; pooling and a batch norm computed once per node in the supernet. */
    private static Candidate pooling(String name, int stride, Module pool, Parameters p, int channels,
                                     boolean affine) {
        return affine ? Candidate.onValue(pool)
                : new NormalizedPooling(List.of(name, stride), pool, Layers.batchNorm(p.child("bn"), channels, false));
    }

    private static Module noise(int stride) {
        return (x, training) -> {
            Shape s = x.getShape();
            Shape out = new Shape(s.get(0), s.get(1), (s.get(2) + stride - 1) / stride, (s.get(3) + stride - 1) / stride);
            return x.getManager().randomNormal(0, 1, out, x.getDataType(), x.getDevice());
        };
    }
}
