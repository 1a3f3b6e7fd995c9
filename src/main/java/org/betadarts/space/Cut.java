package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A supernet cut in two after its first layers: the head (the stem and the first cells) and the tail
 * (the other cells and the classifier), which reads only the head's last outputs. Running the head
 * without recording and again during the backward pass saves the memory of its activations (see
 * {@code search.LossPass}); for that, both parts must compute exactly what the whole network does.
 */
public interface Cut {
    /**
     * The head's outputs that the tail reads, in the order {@link #tail} takes them; the caller closes
     * them. Takes the same mixing weights as {@link SupernetModel#forward}.
     */
    List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training);

    /** The logits from the head's outputs; leaves {@code boundary} open. */
    NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training);

    /**
     * The state a training-mode forward pass of the head changes (its batch-norm running statistics),
     * so that a second pass of the head can start from where the first began.
     */
    List<NDArray> headState();
}
