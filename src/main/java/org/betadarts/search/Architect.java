package org.betadarts.search;

import org.betadarts.io.UserError;
import org.betadarts.optim.Adam;
import org.betadarts.regularize.Regularizer;

/**
 * The α optimizer: takes the α gradient of a step from its {@link AlphaGradient} (first order or
 * unrolled), makes one Adam step on α, lets the regularizer act on the result (decoupled decay),
 * and uploads the new values.
 */
public final class Architect {
    /** The names of the α gradients, for {@code --order}. */
    public static final String FIRST = "first";
    public static final String SECOND = "second";

    /** Refuses an {@code --order} other than {@link #FIRST} or {@link #SECOND}. */
    public static void checkOrder(String order) {
        UserError.require(FIRST.equals(order) || SECOND.equals(order),
                "--order must be first or second, not '" + order + "'");
    }

    private final AlphaGradient gradient;
    private final ArchParams alpha;
    private final Adam adam;
    private final Regularizer regularizer;

    public Architect(AlphaGradient gradient, ArchParams alpha, Adam adam, Regularizer regularizer) {
        this.gradient = gradient;
        this.alpha = alpha;
        this.adam = adam;
        this.regularizer = regularizer;
    }

    /** One α step; returns the gradient with the validation logits and cross-entropy (regularizer excluded). */
    public AlphaGradient.Result step(StepBatches batches, float lr, int epoch, int epochs) {
        AlphaGradient.Result r = gradient(batches, lr, epoch, epochs);
        update(r, epoch, epochs);
        return r;
    }

    /** The first half of {@link #step}: the α gradient of the step's batches. */
    public AlphaGradient.Result gradient(StepBatches batches, float lr, int epoch, int epochs) {
        return gradient.compute(batches, lr, epoch, epochs);
    }

    /** The second half of {@link #step}: one Adam step of α from {@code r}, the regularizer's change, upload. */
    public void update(AlphaGradient.Result r, int epoch, int epochs) {
        adam.step(alpha.values(), r.gradient());
        regularizer.afterAlphaStep(alpha.values(), adam.lr(), epoch, epochs);
        alpha.upload();
    }
}
