package org.betadarts.space.nb201;

import ai.djl.ndarray.NDArray;
import org.betadarts.nn.AvgPool;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.Scoped;

/**
 * The ResNet basic block between NAS-Bench-201 stages: ReLU-Conv3x3(stride 2)-BN, ReLU-Conv3x3-BN,
 * plus a shortcut AvgPool 2x2 (stride 2) then Conv1x1. Batch norm is affine.
 */
final class ResidualBlock implements Module {
    private final Module body;
    private final Module shortcut;

    ResidualBlock(Parameters p, int in, int out) {
        body = Layers.reluConvBn(p.child("conv_a"), in, out, 3, 2, 1, true)
                .then(Layers.reluConvBn(p.child("conv_b"), out, out, 3, 1, 1, true));
        shortcut = new AvgPool(2, 2, 0).then(Layers.conv(p.child("downsample"), in, out, 1, 1, 0));
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return Scoped.compute(() -> body.forward(x, training).add(shortcut.forward(x, training)));
    }
}
