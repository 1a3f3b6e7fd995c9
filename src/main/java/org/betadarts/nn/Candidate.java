package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import java.util.function.Function;

/** One candidate operation on an edge, reading its input node as a {@link Feature}. */
@FunctionalInterface
public interface Candidate {
    NDArray forward(Feature in, boolean training);

    /** {@code forward(in, training) * weight} for a scalar tensor {@code weight}. */
    default NDArray forwardWeighted(Feature in, NDArray weight, boolean training) {
        return Scoped.compute(() -> forward(in, training).mul(weight));
    }

    /** A candidate that applies {@code module} to the input's ReLU. */
    static Candidate onRelu(Module module) {
        return applying(module, Feature::relu);
    }

    /** A candidate that applies {@code module} to the raw input. */
    static Candidate onValue(Module module) {
        return applying(module, Feature::value);
    }

    /** {@code module} on {@code input(feature)}; weighted through {@link Scalable#apply}. */
    private static Candidate applying(Module module, Function<Feature, NDArray> input) {
        return new Candidate() {
            @Override
            public NDArray forward(Feature in, boolean training) {
                return module.forward(input.apply(in), training);
            }

            @Override
            public NDArray forwardWeighted(Feature in, NDArray weight, boolean training) {
                return Scalable.apply(module, input.apply(in), weight, training);
            }
        };
    }
}
