package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/** Reading gradients off tensors that record them. */
final class Gradients {
    private static final NDIndex ALL = new NDIndex("...");

    private Gradients() {}

    /**
     * Copies of the gradients of {@code tensors} (in the current scope); the gradients are set to zero
     * (also where they hold NaN or infinity, which subtracting them from themselves would keep).
     */
    static List<NDArray> take(List<NDArray> tensors) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray t : tensors) {
            NDArray g = t.getGradient();
            out.add(g.duplicate());
            g.set(ALL, 0);
            g.close();
        }
        return out;
    }
}
