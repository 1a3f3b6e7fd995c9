package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;
import org.betadarts.nn.Losses;
import org.betadarts.space.SupernetModel;

/**
 * One forward pass of the supernet at the current α and a backward pass of its cross-entropy:
 * gradients accumulate on whatever is trainable at the time (weights, α or both).
 */
final class LossPass {
    /** The network's output and its cross-entropy (any extra term excluded). */
    record Output(NDArray logits, NDArray loss) {}

    private LossPass() {}

    /** @param extra a term added to the loss before the backward pass, or a supplier of null */
    static Output run(SupernetModel net, ArchParams alpha, NDArray images, NDArray targets, Supplier<NDArray> extra) {
        try (GradientCollector collector = images.getManager().getEngine().newGradientCollector()) {
            NDArray logits = net.forward(images, alpha.opWeights(), true);
            NDArray loss = Losses.crossEntropy(logits, targets);
            NDArray term = extra.get();
            collector.backward(term == null ? loss : loss.add(term));
            return new Output(logits, loss);
        }
    }

    /** Without an extra term. */
    static Output run(SupernetModel net, ArchParams alpha, NDArray images, NDArray targets) {
        return run(net, alpha, images, targets, () -> null);
    }
}
