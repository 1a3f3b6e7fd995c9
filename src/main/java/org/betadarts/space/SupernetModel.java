package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** The search network of a space: every edge a mix of candidates, weighted per α tensor. */
@FunctionalInterface
public interface SupernetModel {
    /**
     * @param opWeights softmax(α) for each of the space's α tensors, in {@link SearchSpace#alphas()} order
     * @return logits, shape (batch, classes)
     */
    NDArray forward(NDArray images, List<NDArray> opWeights, boolean training);
}
