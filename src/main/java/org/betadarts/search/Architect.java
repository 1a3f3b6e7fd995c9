package org.betadarts.search;

import org.betadarts.optim.Adam;

/**
 * The α optimizer: takes the α gradient of a step from its {@link AlphaGradient} (first order or
 * unrolled), then makes one Adam step on α and uploads the new values.
 */
public final class Architect {
    /** The names of the α gradients, for {@code --order}. */
    public static final String FIRST = "first";
    public static final String SECOND = "second";

    private final AlphaGradient gradient;
    private final ArchParams alpha;
    private final Adam adam;

    public Architect(AlphaGradient gradient, ArchParams alpha, Adam adam) {
        this.gradient = gradient;
        this.alpha = alpha;
        this.adam = adam;
    }

    /** One α step; returns the gradient with the validation logits and cross-entropy (regularizer excluded). */
    public AlphaGradient.Result step(StepBatches batches, float lr, int epoch, int epochs) {
        AlphaGradient.Result r = gradient.compute(batches, lr, epoch, epochs);
        adam.step(alpha.values(), r.gradient());
        alpha.upload();
        return r;
    }
}
