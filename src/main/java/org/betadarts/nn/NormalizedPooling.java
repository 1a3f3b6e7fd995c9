package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/**
 * A candidate made of a parameter-free pooling and a non-affine batch norm (the DARTS supernet's
 * pooling ops). In training mode its output is a function of the input alone, so the edges that leave
 * one node with the same pooling compute it once ({@link Feature#sharedWithState}); each edge keeps its
 * own running statistics, which in every pass receive the same update as those of the edge that
 * computed it and are set to them. Each edge then multiplies the shared output by its weight.
 */
public final class NormalizedPooling implements Candidate {
    private final Object key;
    private final BatchNormLayer norm;
    /** The pooling followed by the batch norm. */
    private final Module pooled;

    /**
     * @param key what identifies the pooling among a node's leaving edges (its op name and stride)
     * @param norm a non-affine batch norm ({@link Layers#batchNorm} with affine false)
     */
    public NormalizedPooling(Object key, Module pooling, Scalable norm) {
        this.key = key;
        this.norm = (BatchNormLayer) norm;
        this.pooled = pooling.then(norm);
    }

    @Override
    public NDArray forward(Feature in, boolean training) {
        return in.sharedWithState(key, norm, (x, t) -> pooled.forward(x, training),
                (mine, first) -> {
                    if (training) {
                        mine.copyRunningStatistics(first);
                    }
                });
    }
}
