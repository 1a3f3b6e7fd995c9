package org.betadarts.space;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A space's candidate operations as data: name to constructor, with whether the op has weights, in
 * the order they were added (α column order).
 *
 * @param <F> the space's constructor type
 */
public final class OpTable<F> {
    private record Op<F>(F factory, boolean parameterFree) {}

    private final String space;
    private final Map<String, Op<F>> ops = new LinkedHashMap<>();

    /** @param space the space's name in error messages */
    public OpTable(String space) {
        this.space = space;
    }

    /** Adds op {@code name}; {@code parameterFree} says that it has no weights. */
    public OpTable<F> add(String name, boolean parameterFree, F factory) {
        ops.put(name, new Op<>(factory, parameterFree));
        return this;
    }

    /** Every op name, in the order added. */
    public List<String> names() {
        return List.copyOf(ops.keySet());
    }

    public boolean exists(String name) {
        return ops.containsKey(name);
    }

    /** The constructor of op {@code name}. */
    public F factory(String name) {
        return op(name).factory();
    }

    /**
     * Whether op {@code name} has no weights. A search that collapses fills its cell with such ops;
     * their share is the collapse indicator that runs and experiments report.
     */
    public boolean parameterFree(String name) {
        return op(name).parameterFree();
    }

    private Op<F> op(String name) {
        Op<F> op = ops.get(name);
        if (op == null) {
            throw new IllegalArgumentException("unknown " + space + " op " + name);
        }
        return op;
    }
}
