package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;

/**
 * A supernet whose training passes recompute the head of a {@link Cut} during the backward pass
 * instead of keeping its activations: the forward pass is the network's own; only the way gradients
 * are taken changes (see {@code search.LossPass}). Trades one more forward pass of the head for the
 * memory of its activations, which in these networks, at full resolution, are the largest.
 */
public final class Recomputing implements SupernetModel {
    private final SupernetModel net;
    private final Cut cut;

    private Recomputing(SupernetModel net, Cut cut) {
        this.net = net;
        this.cut = cut;
    }

    /**
     * {@code net} cut after each of {@code points} layers, recomputing every part but the last; {@code net}
     * itself for no points.
     *
     * @throws IllegalArgumentException where {@code net} cannot be cut there ({@link SupernetModel#cut(List)})
     */
    public static SupernetModel of(SupernetModel net, List<Integer> points) {
        if (points.isEmpty()) {
            return net;
        }
        Cut cut = net.cut(points).orElseThrow(
                () -> new IllegalArgumentException("this network cannot be cut after layers " + points));
        return new Recomputing(net, cut);
    }

    @Override
    public NDArray forward(NDArray images, List<NDArray> opWeights, boolean training) {
        return net.forward(images, opWeights, training);
    }

    @Override
    public Optional<Cut> cut(List<Integer> points) {
        return net.cut(points);
    }

    @Override
    public List<Integer> recomputedByDefault() {
        return net.recomputedByDefault();
    }

    @Override
    public Optional<Cut> recomputed() {
        return Optional.of(cut);
    }
}
