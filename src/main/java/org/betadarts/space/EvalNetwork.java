package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.Parameters;

/**
 * The network that trains a found cell from scratch: every edge one operation. Its weights live in the
 * {@link org.betadarts.nn.Parameters} store it was built in; those of an auxiliary head, if any, are
 * named under {@link #AUXILIARY} so that parameter counts and saved models can leave them out.
 */
@FunctionalInterface
public interface EvalNetwork {
    /** Name of the parameter group of an auxiliary head. */
    String AUXILIARY = "auxiliary";

    /**
     * @param dropPath drops cell paths in training (ignored by networks without drop-path)
     * @return the logits, and in training the auxiliary head's logits when the network has one
     */
    Outputs forward(NDArray images, boolean training, DropPath dropPath);

    /** The number of trained weights in {@code params}, those of an auxiliary head excluded. */
    static long parameterCount(Parameters params) {
        return params.params().entrySet().stream().filter(e -> !e.getKey().startsWith(AUXILIARY + "."))
                .mapToLong(e -> e.getValue().getShape().size()).sum();
    }

    /** Logits of shape (batch, classes); {@code auxiliary} is null when there are none. */
    record Outputs(NDArray logits, NDArray auxiliary) {
        public Outputs(NDArray logits) {
            this(logits, null);
        }
    }
}
