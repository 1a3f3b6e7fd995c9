package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/**
 * A module that can return its output times a scalar more cheaply than a separate multiplication,
 * by folding the scalar into its last operation (batch norm's γ and β, average pooling's border
 * correction). A mixed op weights each candidate by its softmax(α) this way: one element-wise pass
 * less forward and backward, and in the α step one activation less kept for the backward pass.
 */
public interface Scalable extends Module {
    /** {@code forward(x, training) * scale} for a scalar tensor {@code scale}; gradients reach {@code scale}. */
    NDArray forwardScaled(NDArray x, NDArray scale, boolean training);

    /** {@code module}'s output times {@code scale}, folded when the module is {@link Scalable}. */
    static NDArray apply(Module module, NDArray x, NDArray scale, boolean training) {
        if (module instanceof Scalable s) {
            return s.forwardScaled(x, scale, training);
        }
        return Scoped.compute(() -> module.forward(x, training).mul(scale));
    }
}
