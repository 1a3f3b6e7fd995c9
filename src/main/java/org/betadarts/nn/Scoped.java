package org.betadarts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The lifetimes of the tensors of a forward pass. A computation runs in a scope (DJL's {@link NDScope}):
 * every tensor created in it is released when it ends, except its result, which passes to the
 * enclosing scope. Releasing a tensor drops only its handle: autograd keeps what the backward pass
 * needs, and the rest of its memory goes at once. Ops, cells and networks compute their intermediate
 * tensors this way and release none by hand; a scope is as small as the span in which its tensors are
 * needed, so that none is held longer than that.
 *
 * <p>A value derived from a cell's node ({@link Feature}) lives longer than the scope it is created
 * in: as long as the scope in which the node was made ({@link #keep}). Tensors the backward pass reads
 * are in engine memory ({@link HostValues}), so releasing their handles early is safe. Scopes are per
 * thread.
 */
public final class Scoped {
    private static final ThreadLocal<ArrayDeque<Scoped>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final NDScope tensors = new NDScope();
    /** Tensors made in inner scopes that live as long as this one. */
    private List<NDArray> kept;

    private Scoped() {}

    /**
     * {@code body}'s result, computed in a scope; the result must be a tensor {@code body} created (or
     * null, which is returned as it is).
     */
    public static NDArray compute(Supplier<NDArray> body) {
        return run(null, List.of(), body);
    }

    /** {@code f(x)}, computed in a scope; {@code f} may return {@code x} itself, which is left as it is. */
    public static NDArray apply(NDArray x, UnaryOperator<NDArray> f) {
        return run(x, List.of(), () -> f.apply(x));
    }

    /**
     * {@code body}'s result, computed in a scope that also releases {@code consumed} when it ends:
     * tensors the caller needs no longer once {@code body} has used them.
     */
    public static NDArray consuming(List<NDArray> consumed, Supplier<NDArray> body) {
        return run(null, consumed, body);
    }

    /** {@link #consuming(List, Supplier)}, where those of {@code consumed} that are in {@code kept} (the caller's) stay. */
    public static NDArray consuming(List<NDArray> consumed, List<NDArray> kept, Supplier<NDArray> body) {
        List<NDArray> released = new ArrayList<>(consumed.size());
        for (NDArray t : consumed) {
            if (kept.stream().noneMatch(k -> k == t)) {
                released.add(t);
            }
        }
        return run(null, released, body);
    }

    /** The scope open now on this thread, or null: where tensors derived later for what is made now belong. */
    public static Scoped current() {
        return OPEN.get().peek();
    }

    /**
     * {@code t}, just created, made to live as long as {@code home} (a {@link #current} scope) rather than
     * the scope open now. Without a home it is left where it is unless a scope of this class is open, in
     * which case the manager that made it releases it.
     */
    public static NDArray keep(Scoped home, NDArray t) {
        if (home == null) {
            if (current() != null) {
                NDScope.unregister(t);
            }
            return t;
        }
        NDScope.unregister(t);
        if (home.kept == null) {
            home.kept = new ArrayList<>();
        }
        home.kept.add(t);
        return t;
    }

    /**
     * {@code body}'s result, computed in a new scope that releases what it creates and {@code consumed};
     * the result passes to the enclosing scope unless it is {@code input} (the caller's).
     */
    private static NDArray run(NDArray input, List<NDArray> consumed, Supplier<NDArray> body) {
        ArrayDeque<Scoped> open = OPEN.get();
        Scoped scope = new Scoped();
        open.push(scope);
        NDArray out = null;
        try {
            for (NDArray t : consumed) {
                NDScope.register(t);
            }
            out = body.get();
            if (out != null && out != input) {
                NDScope.unregister(out);
            }
        } finally {
            open.pop();
            scope.close();
        }
        if (out != null && out != input) {
            NDScope.register(out);
        }
        return out;
    }

    private void close() {
        tensors.close();
        if (kept != null) {
            kept.forEach(NDArray::close);
        }
    }
}
