package org.betadarts.search;

import java.util.Arrays;
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
    private final double gradientClip;

    public Architect(AlphaGradient gradient, ArchParams alpha, Adam adam, Regularizer regularizer) {
        this(gradient, alpha, adam, regularizer, Double.POSITIVE_INFINITY);
    }

    /** @param gradientClip the largest norm of an α gradient (larger ones are scaled down to it) */
    public Architect(AlphaGradient gradient, ArchParams alpha, Adam adam, Regularizer regularizer,
                     double gradientClip) {
        this.gradient = gradient;
        this.alpha = alpha;
        this.adam = adam;
        this.regularizer = regularizer;
        this.gradientClip = gradientClip;
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

    /**
     * The second half of {@link #step}: one Adam step of α (and a search method's extra parameters) from
     * {@code r}, its gradient clipped first if a clipping norm is set, the regularizer's change of α, upload.
     */
    public void update(AlphaGradient.Result r, int epoch, int epochs) {
        adam.step(alpha.values(), clipped(r.gradient(), gradientClip));
        float[] values = alpha.values();
        if (alpha.opValueCount() == values.length) {
            regularizer.afterAlphaStep(values, adam.lr(), epoch, epochs);
        } else {
            float[] ops = Arrays.copyOf(values, alpha.opValueCount());
            regularizer.afterAlphaStep(ops, adam.lr(), epoch, epochs);
            System.arraycopy(ops, 0, values, 0, ops.length);
        }
        alpha.upload();
    }

    /**
     * {@code g} scaled by max_norm / (‖g‖ + 1e-6) where that is below 1, as PyTorch's
     * {@code clip_grad_norm_}; {@code g} itself otherwise.
     */
    static float[] clipped(float[] g, double maxNorm) {
        if (Double.isInfinite(maxNorm)) {
            return g;
        }
        double squares = 0;
        for (float v : g) {
            squares += (double) v * v;
        }
        double scale = maxNorm / (Math.sqrt(squares) + 1e-6);
        if (!(scale < 1)) {
            return g;
        }
        float[] out = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = (float) (g[i] * scale);
        }
        return out;
    }
}
