package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * A node's output inside a cell, with its ReLU computed at most once: every convolutional candidate
 * starts with a ReLU of the same input, so the edges leaving a node share it.
 */
public final class Feature {
    private final NDArray value;
    private NDArray relu;

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

    /** Closes {@code derived}, a tensor computed from this feature, unless it is the value or its ReLU. */
    public void release(NDArray derived) {
        if (derived != value && derived != relu) {
            derived.close();
        }
    }

    /** Releases the ReLU, and the value too when {@code withValue}; the feature is not used afterwards. */
    public void close(boolean withValue) {
        if (relu != null) {
            relu.close();
        }
        if (withValue) {
            value.close();
        }
    }
}
