package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Average pooling that does not count the zero padding (PyTorch's count_include_pad = False).
 *
 * <p>The native pooling always divides by the full window. This module multiplies its result by
 * window / (pixels actually inside the window), a constant map per input size, computed once from a
 * tensor of ones and kept for the life of the module.
 */
public final class AvgPool implements Module {
    private final Shape kernel;
    private final Shape stride;
    private final Shape padding;
    private final Map<Shape, NDArray> correction = new ConcurrentHashMap<>();

    public AvgPool(int kernel, int stride, int padding) {
        this.kernel = new Shape(kernel, kernel);
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray pooled = Pool.avgPool2d(x, kernel, stride, padding, false, true);
        if (padding.get(0) == 0) {
            return pooled;
        }
        Shape size = new Shape(x.getShape().get(2), x.getShape().get(3));
        NDArray factor = correction.computeIfAbsent(size, s -> correctionFor(x.getManager(), s));
        NDArray out = pooled.mul(factor);
        pooled.close();
        return out;
    }

    private NDArray correctionFor(NDManager manager, Shape size) {
        try (NDScope scope = new NDScope()) {
            NDArray ones = manager.ones(new Shape(1, 1, size.get(0), size.get(1)));
            NDArray counted = Pool.avgPool2d(ones, kernel, stride, padding, false, true);
            NDArray factor = counted.pow(-1);
            NDScope.unregister(factor);
            return factor;
        }
    }
}
