package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

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
    private final boolean everyEdgeEveryPass;
    private final Scoped home = Scoped.current();
    private NDArray relu;
    private final Map<Object, NDArray> shared = new HashMap<>();
    /** For each key of {@link #sharedWithState}, the state of the edge that computed the value. */
    private final Map<Object, Object> firstState = new HashMap<>();

    /** A node whose leaving edges compute every candidate in every pass (DARTS' weighted sum). */
    public Feature(NDArray value) {
        this(value, true);
    }

    /**
     * @param everyEdgeEveryPass whether every edge leaving the node computes every candidate in every
     *     pass; only then can computations with state of their own be shared ({@link #sharedWithState})
     */
    public Feature(NDArray value, boolean everyEdgeEveryPass) {
        this.value = value;
        this.everyEdgeEveryPass = everyEdgeEveryPass;
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

    /**
     * Like {@link #shared}, for a computation that also updates state which each edge keeps for itself
     * (a non-affine batch norm's running statistics), {@code state} being the calling edge's: the first
     * edge computes the value; each later one reuses it and calls {@code follow(its state, the first
     * edge's state)}, which must make its state what its own computation would have made it. That holds
     * when all the edges' states started equal and every edge computes the value in every pass;
     * where not ({@link #Feature(NDArray, boolean)}), every edge computes its own and nothing is shared.
     */
    public <S> NDArray sharedWithState(Object key, S state, Module compute, BiConsumer<S, S> follow) {
        if (!everyEdgeEveryPass) {
            return compute.forward(value, true);
        }
        NDArray known = shared.get(key);
        if (known == null) {
            known = Scoped.keep(home, compute.forward(value, true));
            shared.put(key, known);
            firstState.put(key, state);
        } else {
            @SuppressWarnings("unchecked")
            S first = (S) firstState.get(key);
            follow.accept(state, first);
        }
        return known;
    }
}
