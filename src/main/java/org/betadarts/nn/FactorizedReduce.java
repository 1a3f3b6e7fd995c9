package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Halves the resolution without losing every other pixel: two 1x1 stride-2 convolutions of
 * {@code out / 2} channels, the second on the input shifted by one pixel, concatenated, then batch
 * norm. The leading ReLU of the DARTS operation is the caller's (it may be shared).
 *
 * <p>The output has ceil(H/2) x ceil(W/2) pixels. On an odd size the shifted input is padded with
 * one zero row and column first, so both halves have that size; on an even size this changes nothing.
 */
public final class FactorizedReduce implements Module {
    private static final NDIndex SHIFT = new NDIndex("..., 1:, 1:");
    private static final Shape PAD_END = new Shape(0, 1, 0, 1);

    private final Module first;
    private final Module second;
    private final Module bn;

    public FactorizedReduce(Parameters p, int in, int out, boolean affine) {
        if (out % 2 != 0) {
            throw new IllegalArgumentException("FactorizedReduce needs an even channel count, got " + out);
        }
        first = Layers.conv(p.child("conv_1"), in, out / 2, 1, 2, 0);
        second = Layers.conv(p.child("conv_2"), in, out / 2, 1, 2, 0);
        bn = Layers.batchNorm(p.child("bn"), out, affine);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray a = first.forward(x, training);
        Shape s = x.getShape();
        boolean even = s.get(2) % 2 == 0 && s.get(3) % 2 == 0;
        NDArray padded = even ? x : x.pad(PAD_END, 0);
        NDArray shifted = padded.get(SHIFT);
        NDArray b = second.forward(shifted, training);
        shifted.close();
        if (padded != x) {
            padded.close();
        }
        NDArray both = a.concat(b, 1);
        a.close();
        b.close();
        NDArray out = bn.forward(both, training);
        both.close();
        return out;
    }
}
