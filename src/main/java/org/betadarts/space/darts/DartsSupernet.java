package org.betadarts.space.darts;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.betadarts.space.Cut;
import org.betadarts.space.SupernetModel;

/**
 * The supernet of a DARTS space: a {@link DartsNetwork} mixing with the {@code normal} and
 * {@code reduce} weights. It can be cut after any cell but the last (the tail reads the outputs of
 * the two cells before the cut), unless one of its ops draws random numbers. By default a search
 * recomputes the cells at the input's full resolution, which hold the largest activations, and the
 * first reduction cell, each on its own.
 */
final class DartsSupernet implements SupernetModel {
    private final DartsNetwork net;
    private final boolean random;

    /** @param random whether any candidate op draws random numbers (no cut then) */
    DartsSupernet(DartsNetwork net, boolean random) {
        this.net = net;
        this.random = random;
    }

    @Override
    public NDArray forward(NDArray images, List<NDArray> opWeights, boolean training) {
        return net.forward(images, opWeights.get(0), opWeights.get(1), training);
    }

    @Override
    public Optional<Cut> cut(List<Integer> points) {
        return random ? Optional.empty() : net.cut(points);
    }

    /**
     * Each cell up to and including the first reduction on its own (cut after cells 1, 2, ..., L/3 + 1),
     * so that only one of these cells' activations is held at a time; none with random ops.
     */
    @Override
    public List<Integer> recomputedByDefault() {
        if (random) {
            return List.of();
        }
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < net.layerCount() - 1; i++) {
            points.add(i + 1);
            if (DartsNetwork.isReduction(i, net.layerCount())) {
                break;
            }
        }
        return points;
    }
}
