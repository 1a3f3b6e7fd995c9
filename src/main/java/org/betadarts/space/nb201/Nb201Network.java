package org.betadarts.space.nb201;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.space.NetworkShape;

/**
 * The NAS-Bench-201 macro network: stem Conv3x3+BN; three stages of N cells at C, 2C, 4C channels,
 * joined by stride-2 residual blocks; BN+ReLU; global average pooling; linear classifier.
 * The same network serves the search (mixed edges) and a found cell (one op per edge).
 */
public final class Nb201Network {
    /** A layer of the body: a cell reads the mixing weights, a residual block ignores them. */
    @FunctionalInterface
    private interface Layer {
        NDArray forward(NDArray x, NDArray weights, boolean training);
    }

    private final Module stem;
    private final List<Layer> layers = new ArrayList<>();
    private final Module head;

    /**
     * @param ops the candidate op names of each of the 6 edges, shared by every cell
     * @param cellAffine whether batch norm inside cells is affine (false in search, true for a found cell)
     */
    public Nb201Network(Parameters p, NetworkShape shape, List<List<String>> ops, boolean cellAffine) {
        int c = shape.channels();
        stem = Layers.conv(p.child("stem.conv"), shape.inputChannels(), c, 3, 1, 1)
                .then(Layers.batchNorm(p.child("stem.bn"), c, true));
        int index = 0;
        int channels = c;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                Module block = new ResidualBlock(p.child("cells." + index++), channels, channels * 2);
                layers.add((x, w, training) -> block.forward(x, training));
                channels *= 2;
            }
            for (int i = 0; i < shape.cells(); i++) {
                layers.add(new Nb201Cell(p.child("cells." + index++), channels, ops, cellAffine)::forward);
            }
        }
        Module lastBn = Layers.batchNorm(p.child("lastact.bn"), channels, true);
        head = lastBn.then(Layers.RELU).then(Layers.GLOBAL_AVG_POOL)
                .then(Layers.linear(p.child("classifier"), channels, shape.classes()));
    }

    /** @param weights shape (6, ops): mixing weights shared by every cell */
    public NDArray forward(NDArray images, NDArray weights, boolean training) {
        NDArray x = stem.forward(images, training);
        for (Layer layer : layers) {
            NDArray next = layer.forward(x, weights, training);
            x.close();
            x = next;
        }
        NDArray logits = head.forward(x, training);
        x.close();
        return logits;
    }
}
