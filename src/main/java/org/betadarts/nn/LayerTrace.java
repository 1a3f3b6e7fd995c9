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

        /**
         * A layer of the first, unrecorded run of layers that the same pass runs again with recording
         * (recomputation, see {@link #firstRun()}); ignored unless overridden.
         */
        default void firstRun(String kind, long macs, NDArray input, NDArray weight) {
        }
    }

    /** Closes the marking of {@link #firstRun()}. */
    public interface Marking extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<Observer> OBSERVER = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> FIRST_RUN = ThreadLocal.withInitial(() -> false);

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
            long macs = output.getShape().size() * perOutput;
            if (FIRST_RUN.get()) {
                o.firstRun(kind, macs, input, weight);
            } else {
                o.layer(kind, macs, input, weight);
            }
        }
    }

    /**
     * Until closed, the layers that run on this thread are the first run of layers that run again
     * later in the same pass, and are reported to {@link Observer#firstRun}.
     */
    public static Marking firstRun() {
        boolean before = FIRST_RUN.get();
        FIRST_RUN.set(true);
        return () -> FIRST_RUN.set(before);
    }
}
