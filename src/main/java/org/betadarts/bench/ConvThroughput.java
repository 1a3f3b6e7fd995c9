package org.betadarts.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.io.CLibrary;
import org.betadarts.nn.Devices;
import org.betadarts.nn.MemoryFormat;

/**
 * The machine's speed on the network's plain convolutions: the forward pass of a 3x3, stride 1,
 * padding 1 convolution at each stage's size, (batch, C, size, size), (batch, 2C, size/2, size/2) and
 * (batch, 4C, size/4, size/4), each to its own number of channels and stored channels last as the
 * network's tensors are, timed alone. This is the speed the supernet's convolutions could reach if
 * nothing else ran: the yardstick for the step's achieved GFLOP/s.
 *
 * <p>Timed alone, each output is freed before the next is allocated; glibc then returns that memory
 * to the system and maps it afresh for the next call, and faulting it in (with transparent huge
 * pages, clearing 2 MB at a time) took as long as the convolution itself: 64x16x32x32 ran at 75–90
 * GFLOP/s so and at 160 with the memory kept, as it runs inside a step, where the freed activations
 * are reused. So the allocator is first told to keep freed memory ({@link CLibrary#keepFreedMemory}),
 * which holds for the rest of the process: measure this after the work it is the yardstick for.
 */
public final class ConvThroughput {
    private static final Shape ONE = new Shape(1, 1);

    private ConvThroughput() {}

    /** A stage's convolution: its channels and its height and width. */
    record Stage(int channels, int size) {
        double flops(int batch) {
            return 2.0 * batch * size * size * (double) channels * channels * 9;
        }
    }

    /** The three stages' sizes; a stage whose size would fall below 1 is left out. */
    static List<Stage> stages(int channels, int size) {
        List<Stage> stages = new ArrayList<>();
        for (int k = 0; k < 3 && size >> k >= 1; k++) {
            stages.add(new Stage(channels << k, size >> k));
        }
        return stages;
    }

    /**
     * @return GFLOP/s of the median of {@code repeats} timed rounds (one convolution of each stage),
     *     after three untimed ones
     */
    public static double gflops(NDManager manager, int batch, int channels, int size, int repeats) {
        CLibrary.keepFreedMemory();
        try (NDScope scope = new NDScope()) {
            List<Stage> stages = stages(channels, size);
            List<NDArray> inputs = new ArrayList<>();
            List<NDArray> weights = new ArrayList<>();
            double flops = 0;
            for (Stage s : stages) {
                inputs.add(MemoryFormat.channelsLast(manager.randomNormal(new Shape(batch, s.channels(), s.size(), s.size()))));
                weights.add(manager.randomNormal(new Shape(s.channels(), s.channels(), 3, 3)));
                flops += s.flops(batch);
            }
            Devices.synchronize(manager);
            long[] nanos = new long[repeats];
            for (int i = -3; i < repeats; i++) {
                long t = System.nanoTime();
                for (int k = 0; k < stages.size(); k++) {
                    NDArray y = Conv2d.conv2d(inputs.get(k), weights.get(k), null, ONE, ONE, ONE, 1).head();
                    Devices.synchronize(manager);
                    y.close();
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t;
                }
            }
            return flops / Summary.ofNanos(nanos).median() / 1e9;
        }
    }
}
