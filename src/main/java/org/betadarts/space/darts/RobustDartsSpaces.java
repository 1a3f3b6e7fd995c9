package org.betadarts.space.darts;

import java.util.List;

/**
 * The four restricted DARTS spaces of RobustDARTS (Zela et al., "Understanding and Robustifying
 * Differentiable Architecture Search", ICLR 2020), over the same cell and network:
 * S1 a fixed pair of ops per edge (the table below, as published with the paper's code: the two
 * ops with the largest α per edge of an earlier DARTS search); S2 {skip_connect, sep_conv_3x3};
 * S3 {none, skip_connect, sep_conv_3x3}; S4 {noise, sep_conv_3x3}, noise being N(0, 1) of the
 * input's shape.
 */
public final class RobustDartsSpaces {
    public static final String S1 = "s1";
    public static final String S2 = "s2";
    public static final String S3 = "s3";
    public static final String S4 = "s4";

    private static final String SKIP = "skip_connect";
    private static final String MAX = "max_pool_3x3";
    private static final String AVG = "avg_pool_3x3";
    private static final String SEP3 = "sep_conv_3x3";
    private static final String DIL3 = "dil_conv_3x3";
    private static final String DIL5 = "dil_conv_5x5";

    /** S1, normal cell: the pair of each edge, edges in DARTS order (2&lt;-0, 2&lt;-1, 3&lt;-0, ...). */
    static final List<List<String>> S1_NORMAL = List.of(
            List.of(SKIP, DIL3), List.of(SKIP, DIL5),
            List.of(SKIP, DIL5), List.of(SKIP, SEP3), List.of(SKIP, DIL3),
            List.of(MAX, SKIP), List.of(SKIP, SEP3), List.of(SKIP, SEP3), List.of(SKIP, DIL3),
            List.of(SKIP, SEP3), List.of(MAX, SKIP), List.of(SKIP, DIL3), List.of(DIL3, DIL5), List.of(DIL3, DIL5));

    /** S1, reduction cell. */
    static final List<List<String>> S1_REDUCE = List.of(
            List.of(MAX, AVG), List.of(MAX, DIL3),
            List.of(MAX, AVG), List.of(MAX, AVG), List.of(SKIP, DIL5),
            List.of(MAX, AVG), List.of(MAX, SEP3), List.of(SKIP, DIL3), List.of(SKIP, DIL5),
            List.of(MAX, AVG), List.of(MAX, AVG), List.of(SKIP, DIL5), List.of(SKIP, DIL5), List.of(SKIP, DIL5));

    private RobustDartsSpaces() {}

    public static List<String> names() {
        return List.of(S1, S2, S3, S4);
    }

    public static DartsSpace s1() {
        return new DartsSpace(S1, S1_NORMAL, S1_REDUCE);
    }

    public static DartsSpace s2() {
        return DartsSpace.withOps(S2, List.of(SKIP, SEP3));
    }

    public static DartsSpace s3() {
        return DartsSpace.withOps(S3, List.of(DartsOps.NONE, SKIP, SEP3));
    }

    public static DartsSpace s4() {
        return DartsSpace.withOps(S4, List.of("noise", SEP3));
    }
}
