package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's output inside a cell, with its ReLU computed at most once: every convolutional candidate
 * starts with a ReLU of the same input, so the edges leaving a node share it. Other parameter-free
 * functions of the value can be shared the same way ({@link #shared}).
 */
public final class Feature {
    private final NDArray value;
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
            relu = Activation.relu(value);
        }
        return relu;
    }

    /**
     * {@code compute} applied to the value, computed on the first call for each {@code key} and
     * shared by later calls; {@code compute} must have no parameters of its own to train.
     */
    public NDArray shared(Object key, Module compute) {
        return shared.computeIfAbsent(key, k -> compute.forward(value, true));
    }

    /** Closes {@code derived}, a tensor computed from this feature, unless it is the value, its ReLU or shared. */
    public void release(NDArray derived) {
        if (derived != value && derived != relu && shared.values().stream().noneMatch(v -> v == derived)) {
            derived.close();
        }
    }

    /** Releases the ReLU, and the value too when {@code withValue}; the feature is not used afterwards. */
    public void close(boolean withValue) {
        if (relu != null) {
            relu.close();
        }
        shared.values().forEach(NDArray::close);
        if (withValue) {
            value.close();
        }
    }
}
