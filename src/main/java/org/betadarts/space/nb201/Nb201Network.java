package org.betadarts.space.nb201;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.Scoped;
import org.betadarts.space.LayerStack;
import org.betadarts.space.NetworkShape;

/**
 * The NAS-Bench-201 macro network: stem Conv3x3+BN; three stages of N cells at C, 2C, 4C channels,
 * joined by stride-2 residual blocks; BN+ReLU; global average pooling; linear classifier.
 * The same network serves the search (mixed edges) and a found cell (one op per edge).
 */
public final class Nb201Network implements LayerStack {
    /** A layer of the body: a cell reads the mixing weights, a residual block ignores them. */
    @FunctionalInterface
    private interface Layer {
        NDArray forward(NDArray x, NDArray weights, boolean training);
    }

    private final Module stem;
    private final List<Layer> layers = new ArrayList<>();
    private final Module classifier;
    /** The batch-norm buffers of the stem (index 0) and of each layer (index i + 1). */
    private final List<List<NDArray>> state = new ArrayList<>();

    /**
     * @param ops the candidate op names of each of the 6 edges, shared by every cell
     * @param cellAffine whether batch norm inside cells is affine (false in search, true for a found cell)
     */
    public Nb201Network(Parameters p, NetworkShape shape, List<List<String>> ops, boolean cellAffine) {
        this(p, shape, ops, cellAffine, EdgeMixing.WEIGHTED_SUM);
    }

    /** @param mixing how every edge of every cell combines its candidates (the search method's) */
    public Nb201Network(Parameters p, NetworkShape shape, List<List<String>> ops, boolean cellAffine,
                        EdgeMixing mixing) {
        int c = shape.channels();
        stem = Layers.conv(p.child("stem.conv"), shape.inputChannels(), c, 3, 1, 1)
                .then(Layers.batchNorm(p.child("stem.bn"), c, true));
        state.add(p.child("stem").ownBuffers());
        int index = 0;
        int channels = c;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                Parameters bp = p.child("cells." + index++);
                Module block = new ResidualBlock(bp, channels, channels * 2);
                layers.add((x, w, training) -> block.forward(x, training));
                state.add(bp.ownBuffers());
                channels *= 2;
            }
            for (int i = 0; i < shape.cells(); i++) {
                Parameters cp = p.child("cells." + index++);
                layers.add(new Nb201Cell(cp, channels, ops, cellAffine, mixing)::forward);
                state.add(cp.ownBuffers());
            }
        }
        Module lastBn = Layers.batchNorm(p.child("lastact.bn"), channels, true);
        classifier = lastBn.then(Layers.RELU).then(Layers.GLOBAL_AVG_POOL)
                .then(Layers.linear(p.child("classifier"), channels, shape.classes()));
    }

    /** @param weights shape (6, ops): mixing weights shared by every cell */
    public NDArray forward(NDArray images, NDArray weights, boolean training) {
        return logits(stem.forward(images, training), 0, weights, training, List.of());
    }

    @Override
    public List<List<NDArray>> layerStates() {
        return state;
    }

    /** The output of the stem and the first {@code count} layers of the body. */
    @Override
    public List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training, int count) {
        return List.of(layers(stem.forward(images, training), 0, count, opWeights.get(0), training, List.of()));
    }

    @Override
    public List<NDArray> segment(List<NDArray> boundary, List<NDArray> opWeights, boolean training, int from, int to) {
        return List.of(layers(boundary.get(0), from, to, opWeights.get(0), training, boundary));
    }

    @Override
    public NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training, int from) {
        return logits(boundary.get(0), from, opWeights.get(0), training, boundary);
    }

    /** Layers of the body (cells and residual blocks) in all. */
    @Override
    public int layerCount() {
        return layers.size();
    }

    /** The layers from {@code from} on and the classifier on {@code x}; see {@link #layers}. */
    private NDArray logits(NDArray x, int from, NDArray weights, boolean training, List<NDArray> kept) {
        NDArray out = layers(x, from, layers.size(), weights, training, kept);
        return Scoped.consuming(List.of(out), kept, () -> classifier.forward(out, training));
    }

    /**
     * Layers {@code from} to {@code to} - 1 on {@code x}, each releasing its input once used unless it is
     * one of {@code kept} (the caller's).
     */
    private NDArray layers(NDArray x, int from, int to, NDArray weights, boolean training, List<NDArray> kept) {
        for (int i = from; i < to; i++) {
            Layer layer = layers.get(i);
            NDArray in = x;
            x = Scoped.consuming(List.of(in), kept, () -> layer.forward(in, weights, training));
        }
        return x;
    }
}
