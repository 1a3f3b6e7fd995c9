package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network as a stem, a stack of layers (cells, and in NAS-Bench-201 the residual blocks between
 * stages) and a classifier, which can be cut between two layers (see {@link Cut}).
 */
public interface LayerStack {
    /** Layers of the stack in all. */
    int layerCount();

    /**
     * The stem and the first {@code count} layers: the outputs that the layers after them read, in the
     * order {@link #tail} takes them; the caller closes them.
     */
    List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training, int count);

    /** The layers from {@code from} on and the classifier on what {@link #head} returned; leaves it open. */
    NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training, int from);

    /** The batch-norm buffers of the stem (index 0) and of each layer (index i + 1). */
    List<List<NDArray>> layerStates();

    /** This stack cut after its first {@code layers} layers, or empty unless a layer is left on each side. */
    default Optional<Cut> cut(int layers) {
        if (layers < 1 || layers >= layerCount()) {
            return Optional.empty();
        }
        LayerStack net = this;
        return Optional.of(new Cut() {
            @Override
            public List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training) {
                return net.head(images, opWeights, training, layers);
            }

            @Override
            public NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training) {
                return net.tail(boundary, opWeights, training, layers);
            }

            @Override
            public List<NDArray> headState() {
                List<NDArray> out = new ArrayList<>();
                net.layerStates().subList(0, layers + 1).forEach(out::addAll);
                return out;
            }
        });
    }
}
