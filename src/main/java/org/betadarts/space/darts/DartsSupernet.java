package org.betadarts.space.darts;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;
import org.betadarts.space.Cut;
import org.betadarts.space.SupernetModel;

/**
 * The supernet of a DARTS space: a {@link DartsNetwork} mixing with the {@code normal} and
 * {@code reduce} weights. It can be cut after any cell but the last (the tail reads the outputs of
 * the two cells before the cut), unless one of its ops draws random numbers. By default a search
 * recomputes its first stage, the L/3 cells before the first reduction: at C=16, L=8 the first two
 * cells hold about half of the activations for a quarter of the work.
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

    /** The first stage: the cells before the first reduction (L/3), which hold the largest activations; none with random ops. */
    @Override
    public List<Integer> recomputedByDefault() {
        for (int i = 0; i < net.layerCount(); i++) {
            if (DartsNetwork.isReduction(i, net.layerCount())) {
                return random || i == 0 ? List.of() : List.of(i);
            }
        }
        return List.of();
    }
}
