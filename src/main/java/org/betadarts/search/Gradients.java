package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** Reading gradients off tensors that record them. */
final class Gradients {
    private Gradients() {}

    /** Copies of the gradients of {@code tensors} (in the current scope); the gradients are zeroed. */
    static List<NDArray> take(List<NDArray> tensors) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray t : tensors) {
            NDArray g = t.getGradient();
            out.add(g.duplicate());
            g.subi(g);
            g.close();
        }
        return out;
    }
}
