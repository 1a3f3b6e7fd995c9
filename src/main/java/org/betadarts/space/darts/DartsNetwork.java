package org.betadarts.space.darts;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.space.NetworkShape;

/**
 * The DARTS macro network: stem Conv3x3 to 3C channels + BN; L cells ({@link NetworkShape#cells()}),
 * of which those at L/3 and 2L/3 reduce the size and double the channels; global average pooling;
 * linear classifier. Each cell reads the two cells before it (the stem counts as both at the start).
 * Normal cells follow one plan and reduction cells another, each with its own mixing weights.
 */
public final class DartsNetwork {
    /** Stem channels per initial channel C. */
    public static final int STEM_MULTIPLIER = 3;

    private final Module stem;
    private final List<DartsCell> cells = new ArrayList<>();
    private final Module head;

    /** @param affine whether cell batch norm is affine (false in the supernet); stem BN is always affine */
    public DartsNetwork(Parameters p, NetworkShape shape, DartsCell.Plan normal, DartsCell.Plan reduce,
                        boolean affine) {
        int layers = shape.cells();
        int stemChannels = STEM_MULTIPLIER * shape.channels();
        stem = Layers.conv(p.child("stem.conv"), shape.inputChannels(), stemChannels, 3, 1, 1)
                .then(Layers.batchNorm(p.child("stem.bn"), stemChannels, true));
        int prevPrev = stemChannels;
        int prev = stemChannels;
        int channels = shape.channels();
        boolean reductionPrev = false;
        for (int i = 0; i < layers; i++) {
            boolean reduction = isReduction(i, layers);
            if (reduction) {
                channels *= 2;
            }
            DartsCell cell = new DartsCell(p.child("cells." + i), prevPrev, prev, channels, reduction, reductionPrev,
                    reduction ? reduce : normal, affine);
            cells.add(cell);
            reductionPrev = reduction;
            prevPrev = prev;
            prev = cell.outChannels();
        }
        head = Layers.GLOBAL_AVG_POOL.then(Layers.linear(p.child("classifier"), prev, shape.classes()));
    }

    /** Whether cell {@code index} of {@code layers} is a reduction cell: index L/3 or 2L/3. */
    public static boolean isReduction(int index, int layers) {
        return index == layers / 3 || index == 2 * layers / 3;
    }

    /** The cell whose output an auxiliary head reads: the second reduction cell, index 2L/3. */
    public int auxiliaryCell() {
        return 2 * cells.size() / 3;
    }

    /** Channels of the output of cell {@code index}. */
    public int outChannels(int index) {
        return cells.get(index).outChannels();
    }

    /** Sees the output of each cell as the forward pass goes (an auxiliary head reads one). */
    @FunctionalInterface
    public interface Tap {
        /** Must not close {@code output}. */
        void cellOutput(int index, NDArray output);
    }

    /**
     * @param normalWeights mixing weights of the normal cells, shape (edges, ops)
     * @param reduceWeights mixing weights of the reduction cells
     * @return logits, shape (batch, classes)
     */
    public NDArray forward(NDArray images, NDArray normalWeights, NDArray reduceWeights, boolean training) {
        return forward(images, normalWeights, reduceWeights, training, DropPath.NONE, (index, output) -> { });
    }

    /** The forward pass with drop-path in every cell (see {@link DartsCell}) and a tap on the cell outputs. */
    public NDArray forward(NDArray images, NDArray normalWeights, NDArray reduceWeights, boolean training,
                           DropPath dropPath, Tap tap) {
        NDArray s0 = stem.forward(images, training);
        NDArray s1 = s0;
        for (int i = 0; i < cells.size(); i++) {
            DartsCell cell = cells.get(i);
            NDArray next = cell.forward(s0, s1, cell.reduction() ? reduceWeights : normalWeights, training, dropPath);
            tap.cellOutput(i, next);
            if (s0 != s1) {
                s0.close();
            }
            s0 = s1;
            s1 = next;
        }
        if (s0 != s1) {
            s0.close();
        }
        NDArray logits = head.forward(s1, training);
        s1.close();
        return logits;
    }
}
