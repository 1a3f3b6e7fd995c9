package org.betadarts.space.darts;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.Scoped;
import org.betadarts.space.LayerStack;
import org.betadarts.space.NetworkShape;

/**
 * The DARTS macro network: stem Conv3x3 to 3C channels + BN; L cells ({@link NetworkShape#cells()}),
 * of which those at L/3 and 2L/3 reduce the size and double the channels; global average pooling;
 * linear classifier. Each cell reads the two cells before it (the stem counts as both at the start).
 * Normal cells follow one plan and reduction cells another, each with its own mixing weights.
 */
public final class DartsNetwork implements LayerStack {
    /** Stem channels per initial channel C. */
    public static final int STEM_MULTIPLIER = 3;

    private final Module stem;
    private final List<DartsCell> cells = new ArrayList<>();
    private final Module classifier;
    /** The batch-norm buffers of the stem (index 0) and of each cell (index i + 1). */
    private final List<List<NDArray>> state = new ArrayList<>();

    /** @param affine whether cell batch norm is affine (false in the supernet); stem BN is always affine */
    public DartsNetwork(Parameters p, NetworkShape shape, DartsCell.Plan normal, DartsCell.Plan reduce,
                        boolean affine) {
        this(p, shape, normal, reduce, affine, EdgeMixing.WEIGHTED_SUM);
    }

    /** @param mixing how every edge of every cell combines its candidates (the search method's) */
    public DartsNetwork(Parameters p, NetworkShape shape, DartsCell.Plan normal, DartsCell.Plan reduce,
                        boolean affine, EdgeMixing mixing) {
        int layers = shape.cells();
        int stemChannels = STEM_MULTIPLIER * shape.channels();
        stem = Layers.conv(p.child("stem.conv"), shape.inputChannels(), stemChannels, 3, 1, 1)
                .then(Layers.batchNorm(p.child("stem.bn"), stemChannels, true));
        state.add(p.child("stem").ownBuffers());
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
                    reduction ? reduce : normal, affine, mixing);
            cells.add(cell);
            state.add(p.child("cells." + i).ownBuffers());
            reductionPrev = reduction;
            prevPrev = prev;
            prev = cell.outChannels();
        }
        classifier = Layers.GLOBAL_AVG_POOL.then(Layers.linear(p.child("classifier"), prev, shape.classes()));
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
        NDArray x = stem.forward(images, training);
        return logits(x, x, 0, normalWeights, reduceWeights, training, dropPath, tap, List.of());
    }

    /** Cells in all. */
    @Override
    public int layerCount() {
        return cells.size();
    }

    /**
     * The stem and the first {@code count} cells: the outputs of the last two of these layers, which
     * cell {@code count} reads (the stem's output when it is one of them).
     */
    @Override
    public List<NDArray> head(NDArray images, List<NDArray> opWeights, boolean training, int count) {
        NDArray x = stem.forward(images, training);
        NDArray[] s = cells(x, x, 0, count, opWeights.get(0), opWeights.get(1), training, DropPath.NONE,
                (index, output) -> { }, List.of());
        return List.of(s[0], s[1]);
    }

    @Override
    public List<NDArray> segment(List<NDArray> boundary, List<NDArray> opWeights, boolean training, int from, int to) {
        NDArray[] s = cells(boundary.get(0), boundary.get(1), from, to, opWeights.get(0), opWeights.get(1), training,
                DropPath.NONE, (index, output) -> { }, boundary);
        return List.of(s[0], s[1]);
    }

    @Override
    public NDArray tail(List<NDArray> boundary, List<NDArray> opWeights, boolean training, int from) {
        return logits(boundary.get(0), boundary.get(1), from, opWeights.get(0), opWeights.get(1), training,
                DropPath.NONE, (index, output) -> { }, boundary);
    }

    @Override
    public List<List<NDArray>> layerStates() {
        return state;
    }

    /** The cells from {@code from} on and the classifier on {@code s0}, {@code s1}; see {@link #cells}. */
    private NDArray logits(NDArray s0, NDArray s1, int from, NDArray normalWeights, NDArray reduceWeights,
                           boolean training, DropPath dropPath, Tap tap, List<NDArray> kept) {
        NDArray[] s = cells(s0, s1, from, cells.size(), normalWeights, reduceWeights, training, dropPath, tap, kept);
        return Scoped.consuming(List.of(s[0], s[1]), kept, () -> classifier.forward(s[1], training));
    }

    /**
     * Cells {@code from} to {@code to} - 1 on the outputs {@code s0}, {@code s1} of the two layers
     * before them; returns the outputs of the last two layers. Each cell releases its first input, which
     * no later cell reads, unless it is one of {@code kept} (the caller's) or also its second.
     */
    private NDArray[] cells(NDArray s0, NDArray s1, int from, int to, NDArray normalWeights, NDArray reduceWeights,
                            boolean training, DropPath dropPath, Tap tap, List<NDArray> kept) {
        for (int i = from; i < to; i++) {
            DartsCell cell = cells.get(i);
            NDArray a = s0;
            NDArray b = s1;
            NDArray weights = cell.reduction() ? reduceWeights : normalWeights;
            NDArray next = Scoped.consuming(a == b ? List.of() : List.of(a), kept,
                    () -> cell.forward(a, b, weights, training, dropPath));
            tap.cellOutput(i, next);
            s0 = b;
            s1 = next;
        }
        return new NDArray[] {s0, s1};
    }
}
