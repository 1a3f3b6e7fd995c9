package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Values from Java as tensors in the engine's own memory, and arithmetic with a Java number.
 *
 * <p>On the CPU, the PyTorch engine's {@code NDManager.create} does not copy: the tensor it returns
 * uses the memory of a Java direct buffer, which lives as long as that one Java object and is freed
 * by the garbage collector after it is closed, whatever the engine still holds. Autograd keeps
 * operands for the backward pass (a product keeps its factors, a quotient its divisor), and so does
 * a view. When the collector frees such a buffer between a forward and its backward pass, the
 * backward pass reads freed memory: the gradients come out wrong, by an amount that depends on when
 * the collector ran, so two runs of the same search end with different α. The engine's arithmetic
 * with a Java number ({@code x.div(16)}, {@code x.mul(lambda)}, {@code x.maximum(eps)}) is such a
 * case: it makes the number a tensor in Java memory, uses it and closes it at once.
 *
 * <p>Tensors made here live in memory that the engine allocates and counts references to, so they
 * may be closed as soon as the operation that uses them has run.
 */
public final class HostValues {
    private HostValues() {}

    /** {@code values} (row-major, as many as {@code shape} holds) as a float32 tensor in engine memory. */
    public static NDArray tensor(NDManager manager, float[] values, Shape shape) {
        try (NDArray java = manager.create(values, shape)) {
            return java.duplicate();
        }
    }

    /** {@code value} as a scalar tensor of {@code like}'s type, device and manager, in engine memory. */
    public static NDArray scalar(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code x · value}. */
    public static NDArray mul(NDArray x, double value) {
        try (NDArray s = scalar(x, value)) {
            return x.mul(s);
        }
    }

    /** {@code x / value}. */
    public static NDArray div(NDArray x, double value) {
        try (NDArray s = scalar(x, value)) {
            return x.div(s);
        }
    }

    /** The larger of {@code x} and {@code value}, elementwise. */
    public static NDArray maximum(NDArray x, double value) {
        try (NDArray s = scalar(x, value)) {
            return x.maximum(s);
        }
    }
}
