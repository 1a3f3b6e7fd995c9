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
}
