package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Batch norm over the channels of (N, C, H, W) with PyTorch's momentum and epsilon. Without affine
 * parameters γ and β are fixed buffers of ones and zeros. Its scaled form multiplies γ and β by the
 * scale, which is the same function as scaling the output.
 */
final class BatchNormLayer implements Scalable {
    /** Up to this many channels, batch norm runs on an NCHW copy when the engine has several threads. */
    static final int PLANAR_CHANNELS = 4;
    private static final NDIndex ALL = new NDIndex("...");

    private final NDArray gamma;
    private final NDArray beta;
    private final boolean affine;
    private final NDArray mean;
    private final NDArray var;

    BatchNormLayer(NDArray gamma, NDArray beta, boolean affine, NDArray mean, NDArray var) {
        this.gamma = gamma;
        this.beta = beta;
        this.affine = affine;
        this.mean = mean;
        this.var = var;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return norm(x, gamma, beta, training);
    }

    @Override
    public NDArray forwardScaled(NDArray x, NDArray scale, boolean training) {
        // β = 0 stays 0
        return Scoped.compute(() -> norm(x, gamma.mul(scale), affine ? beta.mul(scale) : beta, training));
    }

    /** Sets this layer's running statistics to {@code other}'s. */
    void copyRunningStatistics(BatchNormLayer other) {
        mean.set(ALL, other.mean);
        var.set(ALL, other.var);
    }

    private NDArray norm(NDArray x, NDArray g, NDArray b, boolean training) {
        if (x.getShape().dimension() == 4 && x.getShape().get(1) <= PLANAR_CHANNELS && JniUtils.getNumThreads() > 1) {
            // channels-last batch norm on so few channels is several times slower with more than one
            // thread (benchmarks/README); on an NCHW copy it is not, copies included
            return Scoped.compute(() -> MemoryFormat.channelsLast(call(MemoryFormat.planar(x), g, b, training)));
        }
        return call(x, g, b, training);
    }

    private NDArray call(NDArray x, NDArray g, NDArray b, boolean training) {
        // axis -1 selects the engine's direct call, which normalizes over axis 1 of (N, C, H, W) as
        // PyTorch does; axis 1 would return the result through a transposed view, and adding into a
        // view in place (as the mixed ops' sums do) costs a copy of the whole tensor in the backward pass
        return BatchNorm.batchNorm(x, mean, var, g, b, -1, 1 - Layers.BN_MOMENTUM, Layers.BN_EPS, training).head();
    }
}
