package org.betadarts.search;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.betadarts.nn.LayerTrace;
import org.betadarts.nn.Losses;
import org.betadarts.nn.NoGrad;
import org.betadarts.space.Cut;
import org.betadarts.space.SupernetModel;

/**
 * One forward pass of the supernet at the current α and a backward pass of its cross-entropy:
 * gradients accumulate on whatever is trainable at the time (weights, α or both).
 *
 * <p>A supernet that recomputes the head of a {@link Cut} ({@link SupernetModel#recomputed()}) takes
 * the same gradients in three passes, so that the head's activations are never held together with
 * the tail's: (1) the head runs without recording, keeping only its outputs (the boundary); (2) the
 * tail runs from the boundary, made to record its gradient, and the loss (and extra term) is
 * backpropagated, which gives the gradients of the tail's weights, α's share from the tail and the
 * boundary's gradient g; (3) the head runs again, recorded, and Σ ⟨out, g⟩ over the boundary is
 * backpropagated, which adds the head's weight gradients and α's share from the head. The chain
 * rule makes the sum of (2) and (3) the gradient of the whole pass. The batch-norm running statistics
 * of the head are put back after (1), so that they end as after one forward pass; (3) repeats (1)
 * exactly, as the head draws no random numbers ({@link SupernetModel#cut}).
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
        List<NDArray> boundary = headWithoutRecording(cut, alpha, images, training);
        List<NDArray> gradients = new ArrayList<>();
        try {
            Output out;
            try (GradientCollector collector = images.getManager().getEngine().newGradientCollector()) {
                for (NDArray b : boundary) {
                    b.setRequiresGradient(true);
                }
                List<NDArray> weights = alpha.opWeights();
                NDArray logits = cut.tail(boundary, weights, training);
                weights.forEach(NDArray::close);
                NDArray loss = Losses.crossEntropy(logits, targets);
                NDArray term = extra.get();
                backward(collector, term == null ? loss : loss.add(term));
                out = new Output(logits, loss);
            }
            for (NDArray b : boundary) {
                gradients.add(b.getGradient());
            }
            try (GradientCollector collector = images.getManager().getEngine().newGradientCollector()) {
                List<NDArray> weights = alpha.opWeights();
                List<NDArray> again = cut.head(images, weights, training);
                weights.forEach(NDArray::close);
                NDArray total = null;
                for (int i = 0; i < again.size(); i++) {
                    NDArray product = again.get(i).mul(gradients.get(i));
                    NDArray sum = product.sum();
                    product.close();
                    if (total == null) {
                        total = sum;
                    } else {
                        NDArray next = total.add(sum);
                        total.close();
                        sum.close();
                        total = next;
                    }
                }
                backward(collector, total);
                total.close();
                again.forEach(NDArray::close);
            }
            return out;
        } finally {
            gradients.forEach(NDArray::close);
            boundary.forEach(NDArray::close);
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
        try {
            collector.backward(value);
        } catch (EngineException e) {
            if (e.getMessage() == null || !e.getMessage().contains(NO_GRADIENT)) {
                throw e;
            }
        }
    }

    /** The head's outputs, computed without recording; the head's running statistics are left as they were. */
    private static List<NDArray> headWithoutRecording(Cut cut, ArchParams alpha, NDArray images, boolean training) {
        List<NDArray> state = training ? cut.headState() : List.of();
        List<NDArray> saved = state.stream().map(NDArray::duplicate).toList();
        try (NoGrad off = new NoGrad(); LayerTrace.Marking first = LayerTrace.firstRun()) {
            List<NDArray> weights = alpha.opWeights();
            List<NDArray> boundary = cut.head(images, weights, training);
            weights.forEach(NDArray::close);
            for (int i = 0; i < state.size(); i++) {
                state.get(i).set(ALL, saved.get(i));
                saved.get(i).close();
            }
            return boundary;
        }
    }
}
