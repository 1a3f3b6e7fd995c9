package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/** One candidate operation on an edge, reading its input node as a {@link Feature}. */
@FunctionalInterface
public interface Candidate {
    NDArray forward(Feature in, boolean training);

    /** A candidate that applies {@code module} to the input's ReLU. */
    static Candidate onRelu(Module module) {
        return (in, training) -> module.forward(in.relu(), training);
    }

    /** A candidate that applies {@code module} to the raw input. */
    static Candidate onValue(Module module) {
        return (in, training) -> module.forward(in.value(), training);
    }
}
