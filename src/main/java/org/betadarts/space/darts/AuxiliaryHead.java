package org.betadarts.space.darts;

import ai.djl.ndarray.NDArray;
import org.betadarts.io.UserError;
import org.betadarts.nn.AvgPool;
import org.betadarts.nn.Layers;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.Scoped;

/**
 * The auxiliary classifier of the DARTS evaluation network, on the output of cell 2L/3: ReLU,
 * AvgPool 5x5 (stride 3), Conv1x1 to 128 channels, BN, ReLU, Conv2x2 to 768, BN, ReLU, linear. It is
 * made for 8x8 features (32x32 images) and takes 8 to 10 pixels a side, which pool to 2x2.
 */
public final class AuxiliaryHead implements Module {

    private final Module features;
    private final Module classifier;

    public AuxiliaryHead(Parameters p, int channels, int classes) {
        features = Layers.RELU.then(new AvgPool(5, 3, 0))
                .then(Layers.conv(p.child("features.conv1"), channels, 128, 1, 1, 0))
                .then(Layers.batchNorm(p.child("features.bn1"), 128, true)).then(Layers.RELU)
                .then(Layers.conv(p.child("features.conv2"), 128, 768, 2, 1, 0))
                .then(Layers.batchNorm(p.child("features.bn2"), 768, true)).then(Layers.RELU);
        classifier = Layers.linear(p.child("classifier"), 768, classes);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h < 8 || h > 10 || w < 8 || w > 10) {
            throw new UserError("the auxiliary head takes 8x8 to 10x10 features at cell 2L/3 (32x32 images), not "
                    + h + "x" + w + ": train with --auxiliary-weight 0");
        }
        return Scoped.compute(() -> {
            NDArray f = features.forward(x, training);
            return classifier.forward(f.reshape(f.getShape().get(0), -1), training);
        });
    }
}
