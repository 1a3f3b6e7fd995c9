package org.betadarts.space;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network as a stem, a stack of layers (cells, and in NAS-Bench-201 the residual blocks between
 * stages) and a classifier, which can be cut between layers (see {@link Cut}).
 */
public interface LayerStack {
    /** Layers of the stack in all. */
    int layerCount();

    /**
     * The stem and the first {@code count} layers: the outputs that the layers after them read, in the
     * order {@link #segment} and {@link #tail} take them; the caller closes them.
     */
    List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training, int count);

    /**
     * Layers {@code from} to {@code to} - 1 on the outputs of the layers before them (what {@link #head}
     * or an earlier segment returned): the outputs the layers after them read, which may include tensors
     * of {@code boundary}; leaves {@code boundary} open.
     */
    List<NDArray> segment(List<NDArray> boundary, List<NDArray> opWeights, boolean training, int from, int to);

    /** The layers from {@code from} on and the classifier on what {@link #head} returned; leaves it open. */
    NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training, int from);

    /** The batch-norm buffers of the stem (index 0) and of each layer (index i + 1). */
    List<List<NDArray>> layerStates();

    /**
     * This stack cut after each of {@code points} layers (increasing), or empty unless every part keeps
     * at least one layer: the head ends at the first point, segment i runs from point i to point i + 1,
     * the tail from the last.
     */
    default Optional<Cut> cut(List<Integer> points) {
        for (int i = 0; i < points.size(); i++) {
            int previous = i == 0 ? 0 : points.get(i - 1);
            if (points.get(i) <= previous || points.get(i) >= layerCount()) {
                return Optional.empty();
            }
        }
        if (points.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> at = List.copyOf(points);
        LayerStack net = this;
        return Optional.of(new Cut() {
            @Override
            public List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training) {
                return net.head(images, opWeights, training, at.get(0));
            }

            @Override
            public int segments() {
                return at.size() - 1;
            }

            @Override
            public List<NDArray> segment(int index, List<NDArray> boundary, List<NDArray> opWeights,
                                         boolean training) {
                return net.segment(boundary, opWeights, training, at.get(index), at.get(index + 1));
            }

            @Override
            public NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training) {
                return net.tail(boundary, opWeights, training, at.get(at.size() - 1));
            }

            @Override
            public List<NDArray> headState() {
                List<NDArray> out = new ArrayList<>();
                net.layerStates().subList(0, at.get(at.size() - 1) + 1).forEach(out::addAll);
                return out;
            }
        });
    }
}
