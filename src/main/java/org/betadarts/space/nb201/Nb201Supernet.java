package org.betadarts.space.nb201;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;
import org.betadarts.space.Cut;
import org.betadarts.space.SupernetModel;

/**
 * The NAS-Bench-201 supernet: a {@link Nb201Network} mixing every cell with the one α. It can be cut
 * after any layer of its body but the last (cells and residual blocks count as layers; the tail reads
 * the one output of the layer before the cut). Nothing is recomputed by default: measured on the
 * benchmark's step (C=16, N=5, batch 64), recomputing the first stage cost a third or more of a step
 * for little or no lower peak resident memory.
 */
final class Nb201Supernet implements SupernetModel {
    private final Nb201Network net;

    Nb201Supernet(Nb201Network net) {
        this.net = net;
    }

    @Override
    public NDArray forward(NDArray images, List<NDArray> opWeights, boolean training) {
        return net.forward(images, opWeights.get(0), training);
    }

    @Override
    public Optional<Cut> cut(List<Integer> points) {
        return net.cut(points);
    }
}
