package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's output inside a cell, with its ReLU computed at most once: every convolutional candidate
 * starts with a ReLU of the same input, so the edges leaving a node share it. Other parameter-free
 * functions of the value can be shared the same way ({@link #shared}).
 *
 * <p>What is derived from the value lives as long as the scope in which the feature was made
 * ({@link Scoped#keep}), however deep the scope that first asks for it: the cell's, whose end
 * releases the cell's nodes.
 */
public final class Feature {
    private final NDArray value;
    private final Scoped home = Scoped.current();
    private NDArray relu;
    private final Map<Object, NDArray> shared = new HashMap<>();

    public Feature(NDArray value) {
        this.value = value;
    }

    public NDArray value() {
        return value;
    }

    public NDArray relu() {
        if (relu == null) {
            relu = Scoped.keep(home, Activation.relu(value));
        }
        return relu;
    }

    /**
     * {@code compute} applied to the value, computed on the first call for each {@code key} and
     * shared by later calls; {@code compute} must have no parameters of its own to train.
     */
    public NDArray shared(Object key, Module compute) {
        return shared.computeIfAbsent(key, k -> {
            NDArray out = compute.forward(value, true);
            return out == value ? out : Scoped.keep(home, out);
        });
    }

    /** Closes {@code derived}, a tensor computed from this feature, unless it is the value, its ReLU or shared. */
    public void release(NDArray derived) {
        if (derived != value && derived != relu && shared.values().stream().noneMatch(v -> v == derived)) {
            derived.close();
        }
    }
}
