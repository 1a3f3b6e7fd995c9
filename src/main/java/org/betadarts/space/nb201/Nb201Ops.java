package org.betadarts.space.nb201;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.nn.AvgPool;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Parameters;

/**
 * The five NAS-Bench-201 operations as data: name to constructor, in α column order. All act at
 * stride 1 on {@code channels} channels. {@code none} builds to {@code null}: the zero operation.
 */
public final class Nb201Ops {
    /** Builds one candidate on an edge. */
    @FunctionalInterface
    public interface Factory {
        Candidate create(Parameters p, int channels, boolean affine);
    }

    private static final Map<String, Factory> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("none", (p, c, affine) -> null);
        TABLE.put("skip_connect", (p, c, affine) -> Candidate.onValue(Layers.IDENTITY));
        TABLE.put("nor_conv_1x1", (p, c, affine) -> Candidate.onRelu(Layers.convBn(p, c, c, 1, 1, 0, affine)));
        TABLE.put("nor_conv_3x3", (p, c, affine) -> Candidate.onRelu(Layers.convBn(p, c, c, 3, 1, 1, affine)));
        TABLE.put("avg_pool_3x3", (p, c, affine) -> new AvgPool(3, 1, 1).candidate());
    }

    private Nb201Ops() {}

    public static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }

    public static Candidate create(String name, Parameters p, int channels, boolean affine) {
        Factory f = TABLE.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown NAS-Bench-201 op " + name);
        }
        return f.create(p.child(name), channels, affine);
    }
}
