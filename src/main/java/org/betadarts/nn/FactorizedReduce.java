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
 *
 * <p>A 1x1 convolution with stride 2 and no padding is the 1x1 convolution of the pixels it samples,
 * so each half is computed as a stride-1 convolution of the input's even or odd pixel grid (a strided
 * view). The result is the same (the forward pass and the input's gradient bit for bit, the weight
 * gradients within float rounding), and it keeps oneDNN off its stride-2 1x1 backward-weights kernel:
 * on AVX2 CPUs without AVX-512 oneDNN picks {@code jit_1x1:avx2} for it, which on a channels-last
 * input with fewer than 8 channels (one AVX2 register of floats) corrupts the native heap: a tiny
 * DARTS search (C=2) aborted in glibc's free, or hung in that kernel with two threads.
 */
public final class FactorizedReduce implements Module {
    /** Pixels (2i, 2j): what the first stride-2 convolution samples. */
    private static final NDIndex EVEN_GRID = new NDIndex("..., ::2, ::2");
    /** Pixels (2i+1, 2j+1): what the second samples (stride 2 on the input shifted by one pixel). */
    private static final NDIndex ODD_GRID = new NDIndex("..., 1::2, 1::2");
    private static final Shape PAD_END = new Shape(0, 1, 0, 1);

    private final Module first;
    private final Module second;
    /** The two halves, concatenated, then batch norm. */
    private final Module halvesThenBn;

    public FactorizedReduce(Parameters p, int in, int out, boolean affine) {
        if (out % 2 != 0) {
            throw new IllegalArgumentException("FactorizedReduce needs an even channel count, got " + out);
        }
        first = Layers.conv(p.child("conv_1"), in, out / 2, 1, 1, 0);
        second = Layers.conv(p.child("conv_2"), in, out / 2, 1, 1, 0);
        halvesThenBn = ((Module) this::halves).then(Layers.batchNorm(p.child("bn"), out, affine));
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return halvesThenBn.forward(x, training);
    }

    /** The two convolutions, concatenated along the channels. */
    private NDArray halves(NDArray x, boolean training) {
        return Scoped.compute(() -> {
            NDArray a = first.forward(x.get(EVEN_GRID), training);
            Shape s = x.getShape();
            boolean even = s.get(2) % 2 == 0 && s.get(3) % 2 == 0;
            NDArray padded = even ? x : x.pad(PAD_END, 0);
            NDArray b = second.forward(padded.get(ODD_GRID), training);
            return a.concat(b, 1);
        });
    }
}
