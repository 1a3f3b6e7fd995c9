package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Memory layouts of image batches. The shape stays (N, C, H, W); only the order of the values in
 * memory changes, and the engine's operators carry the layout from their inputs to their outputs.
 */
public final class MemoryFormat {
    private MemoryFormat() {}

    /**
     * A copy of {@code x}, shape (N, C, H, W), stored channels last (N, H, W, C order in memory).
     * The CPU engine's convolutions, batch norm and depthwise pooling run faster on it, so a network
     * whose input is channels last runs faster throughout.
     */
    public static NDArray channelsLast(NDArray x) {
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        // the flattening copy makes the (N, H, W, C) view contiguous; the last transpose is a view
        // that keeps that storage alive once the intermediate handles are released
        return Scoped.compute(() -> x.transpose(0, 2, 3, 1).reshape(-1).reshape(n, h, w, c).transpose(0, 3, 1, 2));
    }

    /**
     * {@code x} for the forward pass, with a backward pass that hands the layers which computed
     * {@code x} a dense channels-last gradient. A concatenation's backward pass gives each of its inputs
     * a slice of its gradient, strided over the other inputs' channels, and the engine's CPU batch norm
     * backward pass takes its slow, element-by-element path for such a gradient (10–20x slower at 16
     * channels). Here such a gradient is copied once into a dense one. For a channels-last {@code x}
     * the forward pass is views only ({@link #channelsLast}'s steps: a permutation, two reshapes that
     * need no copy, the permutation back); backward, the first reshape copies a gradient that is not
     * dense and passes a dense one through as it is.
     */
    public static NDArray withDenseGradient(NDArray x) {
        return channelsLast(x);
    }

    /** {@code x}, shape (N, C, H, W), stored in that order (NCHW): a copy, or a view where {@code x} is stored so already. */
    public static NDArray planar(NDArray x) {
        Shape shape = x.getShape();
        return Scoped.compute(() -> x.reshape(-1).reshape(shape));
    }
}
