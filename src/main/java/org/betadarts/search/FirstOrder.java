package org.betadarts.search;

import org.betadarts.nn.Parameters;
import org.betadarts.regularize.Regularizer;
import org.betadarts.space.SupernetModel;

/** The first-order α gradient: ∇α of the α loss on the validation batch at the current weights. */
public final class FirstOrder implements AlphaGradient {
    private final SupernetModel net;
    private final Parameters weights;
    private final ArchParams alpha;
    private final Regularizer regularizer;

    public FirstOrder(SupernetModel net, Parameters weights, ArchParams alpha, Regularizer regularizer) {
        this.net = net;
        this.weights = weights;
        this.alpha = alpha;
        this.regularizer = regularizer;
    }

    @Override
    public Result compute(StepBatches b, float lr, int epoch, int epochs) {
        weights.setTrainable(false);
        alpha.setTrainable(true);
        LossPass.Output val = LossPass.run(net, alpha, b.validImages(), b.validTargets(),
                () -> regularizer.alphaLoss(alpha.opTensors(), epoch, epochs));
        float[] gradient = alpha.takeGradients();
        alpha.setTrainable(false);
        return new Result(gradient, val.logits(), val.loss());
    }
}
