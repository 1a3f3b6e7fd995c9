package org.betadarts.search;

import ai.djl.ndarray.NDArray;

/**
 * How the gradient of the α loss is computed for one step: first order ({@link FirstOrder}) or
 * unrolled ({@link SecondOrder}). The α loss is the validation cross-entropy plus the regularizer's
 * term on every α tensor. On return no gradient is left on the weights or α, and neither records one.
 */
public interface AlphaGradient {
    /**
     * @param lr the weights' current learning rate (the unrolled step uses it)
     * @return the gradient in the order of {@link ArchParams#values()}, with the validation logits and
     *         cross-entropy the gradient was taken at
     */
    Result compute(StepBatches batches, float lr, int epoch, int epochs);

    /** A gradient and the validation output it came with. */
    record Result(float[] gradient, NDArray logits, NDArray loss) {}
}
