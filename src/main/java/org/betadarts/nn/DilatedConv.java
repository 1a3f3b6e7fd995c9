package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A "same"-padded convolution with dilation 2 computed as an undilated one. With padding
 * {@code 2·q}, {@code q = (k − 1) / 2}, output pixel (i, j) reads only input pixels of its own
 * parity, so:
 * <ul>
 *   <li>stride 1: the four pixel grids {@code x[..., r::2, s::2]} are stacked along the batch, convolved
 *       once with the same kernel undilated (padding q), and the results interleaved back;</li>
 *   <li>stride 2: the output reads only the even grid {@code x[..., ::2, ::2]}, convolved undilated with
 *       stride 1 and padding q.</li>
 * </ul>
 * The sums are the same (the same products, added in another order). It is several times faster on
 * the CPU, where the engine's backward pass of a dilated depthwise convolution is a slow path (DARTS'
 * {@code dil_conv_3x3/5x5}: 34–51 ms against 6–12 ms undilated at 64×16×32×32, 2 threads).
 * Batches are kept channels last: the grids are gathered into and scattered out of (N, H, W, C) order.
 */
final class DilatedConv {
    private static final NDIndex EVEN_GRID = new NDIndex("..., ::2, ::2");

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
            NDArray even = x.get(EVEN_GRID);
            NDArray y = Conv2d.conv2d(even, weight, null, one, pad, one, groups).head();
            even.close();
            return y;
        }
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        long h = x.getShape().get(2) / 2;
        long w = x.getShape().get(3) / 2;
        // (N, C, 2h, 2w) → (N, h, 2, w, 2, C) → (2, 2, N, h, w, C) → (4N, C, h, w) stored channels last
        NDArray nhwc = x.transpose(0, 2, 3, 1);
        NDArray split = nhwc.reshape(n, h, 2, w, 2, c);
        NDArray grids = split.transpose(2, 4, 0, 1, 3, 5);
        NDArray stacked = grids.reshape(4 * n, h, w, c);
        NDArray batch = stacked.transpose(0, 3, 1, 2);
        NDArray yb = Conv2d.conv2d(batch, weight, null, one, pad, one, groups).head();
        long co = yb.getShape().get(1);
        // (4N, Co, h, w) → (2, 2, N, h, w, Co) → (N, h, 2, w, 2, Co) → (N, Co, 2h, 2w) stored channels last
        NDArray ynhwc = yb.transpose(0, 2, 3, 1);
        NDArray ygrids = ynhwc.reshape(2, 2, n, h, w, co);
        NDArray interleaved = ygrids.transpose(2, 3, 0, 4, 1, 5);
        NDArray merged = interleaved.reshape(n, 2 * h, 2 * w, co);
        NDArray y = merged.transpose(0, 3, 1, 2);
        for (NDArray t : new NDArray[] {nhwc, split, grids, stacked, batch, yb, ynhwc, ygrids, interleaved, merged}) {
            t.close();
        }
        return y;
    }
}
