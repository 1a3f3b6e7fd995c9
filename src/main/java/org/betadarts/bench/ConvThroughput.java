package org.betadarts.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.betadarts.nn.Devices;

/**
 * The machine's speed on a plain convolution: the forward pass of a 3x3, stride 1, padding 1
 * convolution of (batch, channels, size, size) to the same number of channels, timed alone.
 */
public final class ConvThroughput {
    private ConvThroughput() {}

    /** @return GFLOP/s of the median of {@code repeats} timed calls, after three untimed ones */
    public static double gflops(NDManager manager, int batch, int channels, int size, int repeats) {
        try (NDScope scope = new NDScope()) {
            NDArray x = manager.randomNormal(new Shape(batch, channels, size, size));
            NDArray w = manager.randomNormal(new Shape(channels, channels, 3, 3));
            Devices.synchronize(manager);
            Shape one = new Shape(1, 1);
            long[] nanos = new long[repeats];
            for (int i = -3; i < repeats; i++) {
                long t = System.nanoTime();
                NDArray y = Conv2d.conv2d(x, w, null, one, one, one, 1).head();
                Devices.synchronize(manager);
                y.close();
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t;
                }
            }
            double flops = 2.0 * batch * channels * size * size * channels * 9;
            return flops / Summary.ofNanos(nanos).median() / 1e9;
        }
    }
}
