package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A supernet cut into parts between its layers: the head (the stem and the first cells), optionally
 * further segments (the layers up to the next cut each), and the tail (the other cells and the
 * classifier). Each part reads only the last outputs of the part before it (its boundary). Running
 * the head and the segments without recording, and each again during the backward pass, saves the
 * memory of their activations (see {@code search.LossPass}); for that, the parts must compute exactly
 * what the whole network does.
 */
public interface Cut {
    /**
     * The head's outputs that the next part reads, in the order it takes them; the caller closes
     * them. Takes the same mixing weights as {@link SupernetModel#forward}.
     */
    List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training);

    /** The segments between the head and the tail: none for a cut in two. */
    default int segments() {
        return 0;
    }

    /**
     * Segment {@code index} on the outputs of the part before it: the outputs the next part reads, which
     * may include tensors of {@code boundary} itself; leaves {@code boundary} open.
     */
    default List<NDArray> segment(int index, List<NDArray> boundary, List<NDArray> opWeights, boolean training) {
        throw new IndexOutOfBoundsException("no segment " + index);
    }

    /** The logits from the last segment's (or the head's) outputs; leaves {@code boundary} open. */
    NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training);

    /**
     * The state a training-mode forward pass of the head and the segments changes (their batch-norm
     * running statistics), so that a second pass can start from where the first began.
     */
    List<NDArray> headState();
}
