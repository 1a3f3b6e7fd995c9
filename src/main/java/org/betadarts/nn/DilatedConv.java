package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A "same"-padded convolution with dilation 2 computed as an undilated one. With padding
 * {@code 2·q}, {@code q = (k − 1) / 2}, output pixel (i, j) reads only input pixels of its own
 * parity, so:
 * <ul>
 *   <li>stride 1: the four pixel grids {@code x[..., r::2, s::2]}, stacked along the batch, are convolved
 *       with the same kernel undilated (padding q) in one call, and the results are interleaved back
 *       (one call instead of four: the DARTS paper step's weight pass 7.5 s instead of 8.0–8.9 s, for
 *       about 200 MB more memory);</li>
 *   <li>stride 2: the output reads only the even grid {@code x[..., ::2, ::2]}, convolved undilated with
 *       stride 1 and padding q.</li>
 * </ul>
 * The sums are the same (the same products, added in another order). Where the weight gets a gradient
 * it is several times faster on the CPU, whose weight gradient of a dilated depthwise convolution is a
 * slow path (DARTS' {@code dil_conv_3x3/5x5} at 64×16×32×32, 2 threads, forward and backward: 34–44 ms
 * dilated, 15–18 ms on the grids); at stride 1 with frozen weights the dilated convolution is faster
 * (7–9 ms) and is kept, at stride 2 the even grid is a quarter of the work either way.
 * The output is channels last: the results are interleaved in (N, H, W, C) order.
 */
final class DilatedConv {
    private static final NDIndex EVEN_GRID = new NDIndex("..., ::2, ::2");
    /** The grids (r, s) = (0, 0), (0, 1), (1, 0), (1, 1): pixels (2i + r, 2j + s). */
    private static final NDIndex[] GRIDS = {EVEN_GRID, new NDIndex("..., ::2, 1::2"), new NDIndex("..., 1::2, ::2"),
            new NDIndex("..., 1::2, 1::2")};

    private DilatedConv() {}

    /** Whether {@link #forward} computes this convolution; else it must run as it is. */
    static boolean applies(long height, long width, int kernel, int stride, int padding, int dilation) {
        boolean same = kernel % 2 == 1 && padding == dilation * (kernel - 1) / 2;
        return dilation == 2 && same && (stride == 2 || (stride == 1 && height % 2 == 0 && width % 2 == 0));
    }

    static NDArray forward(NDArray x, NDArray weight, int kernel, int stride, int groups) {
        Shape one = new Shape(1, 1);
        Shape pad = new Shape((kernel - 1) / 2, (kernel - 1) / 2);
        if (stride == 2) {
            return Scoped.compute(() -> Conv2d.conv2d(x.get(EVEN_GRID), weight, null, one, pad, one, groups).head());
        }
        // the four pixel grids stacked along the batch in (N, h, w, C) order (one copy of x, which the backward
        // pass keeps), convolved in one call; the results interleaved into (N, 2h, 2w, Co) order, seen as
        // (N, Co, 2h, 2w) channels last
        return Scoped.compute(() -> {
            NDArray[] grids = new NDArray[4];
            for (int g = 0; g < 4; g++) {
                grids[g] = x.get(GRIDS[g]).transpose(0, 2, 3, 1);
            }
            long n = x.getShape().get(0);
            NDArray stacked = NDArrays.concat(new NDList(grids), 0).transpose(0, 3, 1, 2);
            NDArray y = Conv2d.conv2d(stacked, weight, null, one, pad, one, groups).head();
            Shape s = y.getShape();
            return y.reshape(2, 2, n, s.get(1), s.get(2), s.get(3))
                    .transpose(2, 4, 0, 5, 1, 3)
                    .reshape(n, 2 * s.get(2), 2 * s.get(3), s.get(1))
                    .transpose(0, 3, 1, 2);
        });
    }
}
