package org.betadarts.nn;

import ai.djl.ndarray.NDArray;

/**
 * Reports the convolutions and linear layers that run on the current thread while an observer is
 * installed, with the multiply-accumulates of each forward call. Used to count a step's work; when
 * no observer is installed it costs one thread-local read per layer call.
 */
public final class LayerTrace {
    /** Receives one call per layer application. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param kind   "conv" or "linear"
         * @param macs   multiply-accumulates of the forward pass
         * @param input  the layer's input
         * @param weight the layer's weight
         */
        void layer(String kind, long macs, NDArray input, NDArray weight);
    }

    private static final ThreadLocal<Observer> OBSERVER = new ThreadLocal<>();

    private LayerTrace() {}

    /** Installs {@code observer} on this thread ({@code null} removes it). */
    public static void observe(Observer observer) {
        if (observer == null) {
            OBSERVER.remove();
        } else {
            OBSERVER.set(observer);
        }
    }

    /**
     * Reports a layer whose weight has shape (outputs, inputs per output, ...), applied to {@code input}
     * giving {@code output}: every output element costs one multiply-accumulate per weight of its row.
     */
    static void record(String kind, NDArray input, NDArray weight, NDArray output) {
        Observer o = OBSERVER.get();
        if (o != null) {
            long perOutput = weight.getShape().size() / weight.getShape().get(0);
            o.layer(kind, output.getShape().size() * perOutput, input, weight);
        }
    }
}
