package org.betadarts.search;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.betadarts.nn.LayerTrace;
import org.betadarts.nn.Losses;
import org.betadarts.nn.NoGrad;
import org.betadarts.nn.Scoped;
import org.betadarts.nn.Sums;
import org.betadarts.space.Cut;
import org.betadarts.space.SupernetModel;

/**
 * One forward pass of the supernet at the current α and a backward pass of its cross-entropy:
 * gradients accumulate on whatever is trainable at the time (weights, α or both).
 *
 * <p>A supernet that recomputes the parts of a {@link Cut} ({@link SupernetModel#recomputed()}) takes
 * the same gradients in several passes, so that the activations of a recomputed part are never held
 * together with those of another: (1) the head and then each segment run without recording, keeping
 * only their outputs (the boundaries); (2) the tail runs from the last boundary, made to record its
 * gradient, and the loss (and extra term) is backpropagated, which gives the gradients of the tail's
 * weights, α's share from the tail and the boundary's gradient g; (3) going back part by part, each
 * segment and finally the head runs again, recorded, and Σ ⟨out, g⟩ over its outputs is
 * backpropagated, which adds the part's weight gradients, α's share from it and the gradient of its
 * own input boundary. The chain rule makes the sum the gradient of the whole pass. The batch-norm
 * running statistics of the recomputed parts are put back after (1), so that they end as after one
 * forward pass; (3) repeats (1) exactly, as those parts draw no random numbers ({@link SupernetModel#cut}).
 */
final class LossPass {
    /** The network's output and its cross-entropy (any extra term excluded). */
    record Output(NDArray logits, NDArray loss) {}

    private static final NDIndex ALL = new NDIndex("...");
    /** libtorch's error for a backward pass from a tensor that no recorded operation produced. */
    private static final String NO_GRADIENT = "does not require grad and does not have a grad_fn";

    private LossPass() {}

    /**
     * @param extra a term added to the loss before the backward pass, or a supplier of null
     * @param training whether the network runs in training mode (batch statistics; running statistics updated)
     */
    static Output run(SupernetModel net, ArchParams alpha, NDArray images, NDArray targets, Supplier<NDArray> extra,
                      boolean training) {
        Optional<Cut> cut = net.recomputed();
        if (cut.isPresent()) {
            return recomputing(cut.get(), alpha, images, targets, extra, training);
        }
        try (GradientCollector collector = images.getManager().getEngine().newGradientCollector()) {
            NDArray logits = net.forward(images, alpha.opWeights(), training);
            NDArray loss = Losses.crossEntropy(logits, targets);
            NDArray term = extra.get();
            backward(collector, term == null ? loss : loss.add(term));
            return new Output(logits, loss);
        }
    }

    /** In training mode. */
    static Output run(SupernetModel net, ArchParams alpha, NDArray images, NDArray targets, Supplier<NDArray> extra) {
        return run(net, alpha, images, targets, extra, true);
    }

    /** In training mode, without an extra term. */
    static Output run(SupernetModel net, ArchParams alpha, NDArray images, NDArray targets) {
        return run(net, alpha, images, targets, () -> null, true);
    }

    private static Output recomputing(Cut cut, ArchParams alpha, NDArray images, NDArray targets,
                                      Supplier<NDArray> extra, boolean training) {
        List<List<NDArray>> boundaries = withoutRecording(cut, alpha, images, training);
        List<NDArray> gradients = List.of();
        try {
            Output out;
            List<NDArray> inputs = leaves(boundaries.get(boundaries.size() - 1));
            try (GradientCollector collector = images.getManager().getEngine().newGradientCollector()) {
                List<NDArray> weights = alpha.opWeights();
                NDArray logits = cut.tail(inputs, weights, training);
                weights.forEach(NDArray::close);
                NDArray loss = Losses.crossEntropy(logits, targets);
                NDArray term = extra.get();
                backward(collector, term == null ? loss : loss.add(term));
                out = new Output(logits, loss);
            }
            gradients = gradientsOf(inputs);
            for (int segment = cut.segments() - 1; segment >= 0; segment--) {
                List<NDArray> in = leaves(boundaries.get(segment));
                int index = segment;
                backpropagate(images, alpha, weights -> cut.segment(index, in, weights, training), gradients, in);
                gradients.forEach(NDArray::close);
                gradients = gradientsOf(in);
            }
            backpropagate(images, alpha, weights -> cut.head(images, weights, training), gradients, List.of());
            return out;
        } finally {
            gradients.forEach(NDArray::close);
            closeOnce(boundaries.stream().flatMap(List::stream).toList(), List.of());
        }
    }

    /**
     * {@code boundary}'s tensors as new leaves that record their gradients (sharing their storage, not
     * copies): the inputs of a part's recording pass.
     */
    private static List<NDArray> leaves(List<NDArray> boundary) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray b : boundary) {
            NDArray leaf = b.stopGradient();
            leaf.setRequiresGradient(true);
            out.add(leaf);
        }
        return out;
    }

    /** The gradients {@code inputs} received; closes {@code inputs}. */
    private static List<NDArray> gradientsOf(List<NDArray> inputs) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray in : inputs) {
            out.add(in.getGradient());
            in.close();
        }
        return out;
    }

    /**
     * Runs a part again, recorded, and backpropagates its outputs with their gradients {@code gradients}:
     * the part's share of every gradient (chain rule). Its outputs may be some of its {@code inputs},
     * which stay open: such an output passes its gradient to that input as it is, after the backward
     * pass. One computed output is backpropagated from its gradient directly; several through
     * Σ ⟨out, g⟩, whose gradient is the same (it costs a product of each output with its gradient, and
     * of the gradient again in the backward pass).
     */
    private static void backpropagate(NDArray images, ArchParams alpha,
                                      Function<List<NDArray>, List<NDArray>> part,
                                      List<NDArray> gradients, List<NDArray> inputs) {
        try (GradientCollector collector = images.getManager().getEngine().newGradientCollector()) {
            List<NDArray> weights = alpha.opWeights();
            List<NDArray> again = part.apply(weights);
            weights.forEach(NDArray::close);
            List<Integer> computed = new ArrayList<>();
            List<Integer> passed = new ArrayList<>();
            for (int i = 0; i < again.size(); i++) {
                (isOneOf(again.get(i), inputs) ? passed : computed).add(i);
            }
            if (computed.size() == 1) {
                int i = computed.get(0);
                backward(() -> JniUtils.backward((PtNDArray) again.get(i), (PtNDArray) gradients.get(i), false, false));
            } else if (!computed.isEmpty()) {
                NDArray total = null;
                for (int i : computed) {
                    NDArray out = again.get(i);
                    NDArray g = gradients.get(i);
                    total = Sums.accumulate(total, Scoped.compute(() -> out.mul(g).sum()));
                }
                backward(collector, total);
                total.close();
            }
            for (int i : passed) {
                addGradient(again.get(i), gradients.get(i));
            }
            closeOnce(again, inputs);
        }
    }

    private static boolean isOneOf(NDArray t, List<NDArray> tensors) {
        return tensors.stream().anyMatch(x -> x == t);
    }

    /** Adds {@code g} to the gradient that the leaf {@code leaf} has recorded so far (none: zero). */
    private static void addGradient(NDArray leaf, NDArray g) {
        NDArray recorded = JniUtils.getGradient((PtNDArray) leaf);
        if (recorded == null) {
            JniUtils.backward((PtNDArray) leaf, (PtNDArray) g, false, false);
        } else {
            recorded.addi(g);
            recorded.close();
        }
    }

    /** Closes each tensor of {@code tensors} once (one may appear in several places), except those in {@code keep}. */
    private static void closeOnce(List<NDArray> tensors, List<NDArray> keep) {
        Set<NDArray> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        closed.addAll(keep);
        for (NDArray t : tensors) {
            if (closed.add(t)) {
                t.close();
            }
        }
    }

    /**
     * Backpropagates {@code value}, unless nothing it was computed from records a gradient: then every
     * gradient of the pass is zero. That happens when a search method samples one op per edge and draws
     * {@code none} on every edge into a cell's output (GDAS) while the weights are frozen (the α step);
     * the official code then computes 0·w, whose gradient is zero too. The engine tells that case only
     * by its error (DJL does not say whether a non-leaf tensor requires a gradient).
     */
    private static void backward(GradientCollector collector, NDArray value) {
        backward(() -> collector.backward(value));
    }

    /** Runs {@code pass}, a backward pass, ignoring the engine's error for one from an unrecorded tensor (above). */
    private static void backward(Runnable pass) {
        try {
            pass.run();
        } catch (EngineException e) {
            if (e.getMessage() == null || !e.getMessage().contains(NO_GRADIENT)) {
                throw e;
            }
        }
    }

    /**
     * The outputs of the head and of each segment, computed without recording; the running statistics of
     * the parts are left as they were.
     */
    private static List<List<NDArray>> withoutRecording(Cut cut, ArchParams alpha, NDArray images, boolean training) {
        List<NDArray> state = training ? cut.headState() : List.of();
        List<NDArray> saved = state.stream().map(NDArray::duplicate).toList();
        try (NoGrad off = new NoGrad(); LayerTrace.Marking first = LayerTrace.firstRun()) {
            List<NDArray> weights = alpha.opWeights();
            List<List<NDArray>> boundaries = new ArrayList<>();
            boundaries.add(cut.head(images, weights, training));
            for (int segment = 0; segment < cut.segments(); segment++) {
                boundaries.add(cut.segment(segment, boundaries.get(segment), weights, training));
            }
            weights.forEach(NDArray::close);
            for (int i = 0; i < state.size(); i++) {
                state.get(i).set(ALL, saved.get(i));
                saved.get(i).close();
            }
            return boundaries;
        }
    }
}
