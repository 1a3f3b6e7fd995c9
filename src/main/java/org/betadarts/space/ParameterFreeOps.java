package org.betadarts.space;

import java.util.List;
import java.util.Map;

/**
 * The share of a space's parameter-free candidate ops ({@link SearchSpace#parameterFree}: none,
 * skip_connect, pooling, noise). A search that collapses fills its cell with them; their share is the
 * collapse indicator that runs and experiments report.
 */
public final class ParameterFreeOps {
    private ParameterFreeOps() {}

    /** The share of parameter-free ops in a list of op names of {@code space} (NaN for an empty list). */
    public static double share(SearchSpace space, List<String> ops) {
        return ops.stream().filter(space::parameterFree).count() / (double) ops.size();
    }

    /** The total of the shares of the parameter-free ops in a map from op name of {@code space} to share. */
    public static double weight(SearchSpace space, Map<String, Double> shareByOp) {
        return shareByOp.entrySet().stream().filter(e -> space.parameterFree(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
