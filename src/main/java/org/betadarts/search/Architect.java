package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.betadarts.nn.Losses;
import org.betadarts.nn.Parameters;
import org.betadarts.optim.Adam;
import org.betadarts.regularize.Regularizer;
import org.betadarts.space.SupernetModel;

/**
 * The α optimizer, first order: the gradient of the validation loss (plus the regularizer's term)
 * with respect to α at the current weights, then one Adam step. Weights record no gradient here.
 */
public final class Architect {
    private final SupernetModel net;
    private final Parameters weights;
    private final ArchParams alpha;
    private final Adam adam;
    private final Regularizer regularizer;

    public Architect(SupernetModel net, Parameters weights, ArchParams alpha, Adam adam, Regularizer regularizer) {
        this.net = net;
        this.weights = weights;
        this.alpha = alpha;
        this.adam = adam;
        this.regularizer = regularizer;
    }

    /** One α step on a validation batch; returns the logits and the cross-entropy (regularizer excluded). */
    public StepOutput step(NDArray images, NDArray oneHot, int epoch, int epochs) {
        StepOutput out = gradient(images, oneHot, epoch, epochs);
        update();
        return out;
    }

    /** The first half of {@link #step}: the α gradient of a validation batch, left on α. */
    public StepOutput gradient(NDArray images, NDArray oneHot, int epoch, int epochs) {
        weights.setTrainable(false);
        alpha.setTrainable(true);
        StepOutput out;
        try (GradientCollector collector = images.getManager().getEngine().newGradientCollector()) {
            List<NDArray> raw = alpha.tensors();
            NDArray logits = net.forward(images, alpha.opWeights(), true);
            NDArray loss = Losses.crossEntropy(logits, oneHot);
            NDArray extra = regularizer.alphaLoss(raw, epoch, epochs);
            collector.backward(extra == null ? loss : loss.add(extra));
            out = new StepOutput(logits, loss);
        }
        return out;
    }

    /** The second half of {@link #step}: one Adam step of α from its gradient, which is then cleared. */
    public void update() {
        adam.step(alpha.values(), alpha.takeGradients());
        alpha.upload();
        alpha.setTrainable(false);
    }

    /** The network's output and loss of a step. */
    public record StepOutput(NDArray logits, NDArray loss) {}
}
