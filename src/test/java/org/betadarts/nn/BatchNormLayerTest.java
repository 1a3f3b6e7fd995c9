package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormLayerTest {
    private static final int C = BatchNormLayer.PLANAR_CHANNELS;

    /**
     * With several threads, batch norm on few channels runs on an NCHW copy; with one it runs on the
     * channels-last input itself. Both give the same output (with a term added into it in place, as
     * a mixed op adds), input and scale gradients, and running statistics.
     */
    @Test
    void fewChannelsGiveTheSameResultsThroughTheNchwCopy() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = MemoryFormat.channelsLast(m.randomNormal(new Shape(8, C, 6, 6)));
            NDArray g = m.randomNormal(x.getShape());
            int before = JniUtils.getNumThreads();
            List<float[]> oneThread;
            List<float[]> twoThreads;
            try {
                JniUtils.setNumThreads(1);
                oneThread = results(m, x, g);
                JniUtils.setNumThreads(2);
                twoThreads = results(m, x, g);
            } finally {
                JniUtils.setNumThreads(before);
            }
            for (int i = 0; i < oneThread.size(); i++) {
                assertArrayEquals(oneThread.get(i), twoThreads.get(i), 1e-4f, "result " + i);
            }
        }
    }

    /** Output, input gradient, scale gradient, running mean and variance of one training step. */
    private static List<float[]> results(NDManager m, NDArray x, NDArray g) {
        Parameters p = new Parameters(m, 1);
        Scalable bn = Layers.batchNorm(p, C, false);
        NDArray in = x.duplicate();
        NDArray scale = m.create(0.7f);
        in.setRequiresGradient(true);
        scale.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector c = m.getEngine().newGradientCollector()) {
            y = bn.forwardScaled(in, scale, true);
            y.addi(in.mul(0.5f));
            c.backward(y.mul(g).sum());
        }
        return List.of(y.toFloatArray(), in.getGradient().toFloatArray(), scale.getGradient().toFloatArray(),
                p.buffers().get("running_mean").toFloatArray(), p.buffers().get("running_var").toFloatArray());
    }
}
