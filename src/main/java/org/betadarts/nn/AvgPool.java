package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Average pooling that does not count the zero padding (PyTorch's count_include_pad = False).
 *
 * <p>Computed as a depthwise convolution with a constant kernel of 1/(kernel²), which the CPU engine
 * runs several times faster than its pooling operator (forward and backward), then, where there is
 * padding, multiplied by window / (pixels actually inside the window): a constant map per input size,
 * computed once and kept for the life of the module. Both constants need no gradient. A scale
 * ({@link Scalable}) is folded into that map.
 */
public final class AvgPool implements Scalable {
    private static final Shape ONE = new Shape(1, 1);

    private final int kernel;
    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final Map<Long, NDArray> kernels = new ConcurrentHashMap<>();
    /** Border corrections by input size. */
    private final Map<Shape, NDArray> correction = new ConcurrentHashMap<>();

    public AvgPool(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.kernelShape = new Shape(kernel, kernel);
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return scaled(x, spatial(x), null, true);
    }

    /** The border correction and the scale are one small map, applied in one multiplication. */
    @Override
    public NDArray forwardScaled(NDArray x, NDArray scale, boolean training) {
        return scaled(x, spatial(x), scale, true);
    }

    /**
     * This pooling as a candidate on an edge: the window sums of a node's output are computed once
     * and shared by every edge leaving that node; each edge applies its correction and weight.
     */
    public Candidate candidate() {
        Object key = java.util.List.of("avg_pool", kernel, stride, padding);
        return new Candidate() {
            @Override
            public NDArray forward(Feature in, boolean training) {
                return scaled(in.shared(key, (x, t) -> windows(x)), spatial(in.value()), null, false);
            }

            @Override
            public NDArray forwardWeighted(Feature in, NDArray weight, boolean training) {
                return scaled(in.shared(key, (x, t) -> windows(x)), spatial(in.value()), weight, false);
            }
        };
    }

    /** Window sums / kernel², padding counted as zeros (a depthwise convolution). */
    private NDArray windows(NDArray x) {
        long channels = x.getShape().get(1);
        NDArray weight = kernels.computeIfAbsent(channels, c -> kernelFor(x.getManager(), c));
        return Conv2d.conv2d(x, weight, null, stride, padding, ONE, (int) channels).head();
    }

    /**
     * {@code windows(x)} (or {@code x} itself when {@code fromInput} is false: already window sums)
     * with the border correction for inputs of {@code inputSize} and {@code scale} (null: 1) applied.
     */
    private NDArray scaled(NDArray x, Shape inputSize, NDArray scale, boolean fromInput) {
        NDArray factor = padding.get(0) > 0
                ? correction.computeIfAbsent(inputSize, s -> correctionFor(x.getManager(), s))
                : null;
        if (factor == null && scale == null) {
            return fromInput ? windows(x) : x;
        }
        return Scoped.compute(() -> {
            NDArray pooled = fromInput ? windows(x) : x;
            NDArray map = factor == null ? scale : scale == null ? factor : factor.mul(scale);
            return pooled.mul(map);
        });
    }

    private static Shape spatial(NDArray x) {
        return new Shape(x.getShape().get(2), x.getShape().get(3));
    }

    private NDArray kernelFor(NDManager manager, long channels) {
        NDArray w = manager.full(new Shape(channels, 1, kernel, kernel), 1f / (kernel * kernel));
        NDScope.unregister(w);
        return w;
    }

    private NDArray correctionFor(NDManager manager, Shape size) {
        try (NDScope scope = new NDScope()) {
            NDArray ones = manager.ones(new Shape(1, 1, size.get(0), size.get(1)));
            NDArray counted = Pool.avgPool2d(ones, kernelShape, stride, padding, false, true);
            NDArray factor = counted.pow(-1);
            NDScope.unregister(factor);
            return factor;
        }
    }
}
