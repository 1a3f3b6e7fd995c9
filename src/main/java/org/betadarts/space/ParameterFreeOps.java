package org.betadarts.space;

import java.util.List;
import java.util.Map;

/**
 * Which candidate operations have no weights: {@code none} (zero), {@code skip_connect}
 * (identity), every pooling op (a name containing {@code pool}) and {@code noise}. A search that
 * collapses fills its cell with them; their share is the collapse indicator that runs and
 * experiments report. (skip_connect on a reduction edge is a factorized reduce with weights, but
 * it still counts here: what matters is that α chose the skip.)
 */
public final class ParameterFreeOps {
    private ParameterFreeOps() {}

    public static boolean contains(String op) {
        return op.equals("none") || op.equals("skip_connect") || op.equals("noise") || op.contains("pool");
    }

    /** The share of parameter-free ops in a list of op names (NaN for an empty list). */
    public static double share(List<String> ops) {
        return ops.stream().filter(ParameterFreeOps::contains).count() / (double) ops.size();
    }

    /** The total of the shares of the parameter-free ops in a map from op name to share. */
    public static double weight(Map<String, Double> shareByOp) {
        return shareByOp.entrySet().stream().filter(e -> contains(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }
}
