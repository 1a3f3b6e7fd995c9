package org.betadarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Random;
import org.betadarts.data.SavableRandom;
import org.betadarts.io.UserError;
import org.betadarts.nn.Losses;
import org.betadarts.nn.NoGrad;
import org.betadarts.nn.Parameters;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.SupernetModel;

/**
 * The SDARTS perturbation (Chen and Hsieh 2020) of the op weights of a weight step, as the official
 * β-DARTS code ({@code attacker/perturb.py}): starting from A0 = softmax(α) per row,
 * <ul>
 *   <li>{@value #RANDOM} (SDARTS-RS): A = clip(A0 + U(−ε, ε)), independent uniforms;</li>
 *   <li>{@value #ADVERSARIAL} (SDARTS-ADV): projected gradient ascent of the training loss in the
 *   L∞ ball of radius ε around A0, in eval mode, from a random start, {@value #STEPS} steps of
 *   2ε/{@value #STEPS} along sign(∇A L), each followed by the projection onto the ball and clip; A0 is
 *   kept when the result's loss is below A0's.</li>
 * </ul>
 * clip of a row: clamp to [0, 1]; a row that sums to 0 then gets 1 at the argmax of the row before
 * clamping; divide by the sum. ε grows over the search: ε = 0.03 + (ε_max − 0.03) · epoch / epochs.
 * α itself is never changed; the uniforms come from this perturbation's own generator, whose state a
 * checkpoint records ({@link #randomState()}).
 */
public final class Perturbation {
    public static final String NONE = "none";
    public static final String RANDOM = "random";
    public static final String ADVERSARIAL = "adversarial";
    /** Steps of the adversarial attack. */
    static final int STEPS = 7;
    /** ε in the first epoch. */
    static final double FIRST_EPSILON = 0.03;

    private final String kind;
    private final double maxEpsilon;
    private final SavableRandom random;
    private final SupernetModel net;
    private final Parameters weights;
    private final ArchParams alpha;

    /** @param kind {@value #NONE} (or null), {@value #RANDOM} or {@value #ADVERSARIAL} */
    Perturbation(String kind, double maxEpsilon, long seed, SupernetModel net, Parameters weights, ArchParams alpha) {
        check(kind);
        this.kind = kind == null ? NONE : kind;
        this.maxEpsilon = maxEpsilon;
        this.random = new SavableRandom(seed);
        this.net = net;
        this.weights = weights;
        this.alpha = alpha;
    }

    /** Refuses a {@code --perturb-alpha} other than none, random or adversarial (null is none). */
    public static void check(String kind) {
        UserError.require(kind == null || kind.equals(NONE) || kind.equals(RANDOM) || kind.equals(ADVERSARIAL),
                "--perturb-alpha must be none, random or adversarial, not '" + kind + "'");
    }

    /** Whether the weight steps are perturbed. */
    boolean on() {
        return !kind.equals(NONE);
    }

    /** ε of an epoch (0-based) of {@code epochs}: 0.03 + (max − 0.03) · epoch / epochs. */
    static double epsilon(double max, int epoch, int epochs) {
        return FIRST_EPSILON + (max - FIRST_EPSILON) * epoch / epochs;
    }

    double epsilon(int epoch, int epochs) {
        return epsilon(maxEpsilon, epoch, epochs);
    }

    long randomState() {
        return random.state();
    }

    void setRandomState(long state) {
        random.setState(state);
    }

    /**
     * The op weights of a weight step on the training batch ({@code images}, one-hot {@code targets}):
     * softmax(α) perturbed, in the layout of {@link ArchParams#values()}. The weights' recording is
     * turned off, so that the attack's gradients reach α only; they are dropped. α, its gradient and
     * the batch-norm statistics are left as they were.
     */
    float[] opWeights(int epoch, int epochs, NDArray images, NDArray targets) {
        weights.setTrainable(false);
        float[] a0 = alpha.softmaxValues();
        double eps = epsilon(epoch, epochs);
        return switch (kind) {
            case RANDOM -> randomStart(a0, eps, random, alpha.specs());
            case ADVERSARIAL -> attack(a0, eps, images, targets);
            default -> a0;
        };
    }

    /** {@value #STEPS} steps of projected sign-gradient ascent from a random start; A0 if the loss fell. */
    private float[] attack(float[] a0, double eps, NDArray images, NDArray targets) {
        float before = loss(a0, images, targets);
        float[] a = randomStart(a0, eps, random, alpha.specs());
        float lr = (float) (2 * eps / STEPS);
        for (int k = 0; k < STEPS; k++) {
            ascend(a, a0, gradient(a, images, targets), lr, (float) eps);
            clip(a, alpha.specs());
        }
        float after = loss(a, images, targets);
        return before > after ? a0 : a;
    }

    /**
     * One step of the attack before its clip, in place: a + lr · sign(g) (official {@code Linf_SGD} on −L),
     * then a0 + clamp(a − a0, −ε, ε), back into the ball around a0.
     */
    static void ascend(float[] a, float[] a0, float[] g, float lr, float eps) {
        for (int i = 0; i < a.length; i++) {
            float moved = a[i] + lr * Math.signum(g[i]);
            a[i] = Math.max(-eps, Math.min(eps, moved - a0[i])) + a0[i];
        }
    }

    /** clip(A0 + U(−ε, ε)), the uniforms drawn from {@code r} in the order of the values. */
    static float[] randomStart(float[] a0, double eps, Random r, List<AlphaSpec> specs) {
        float[] a = new float[a0.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = a0[i] + (float) (-eps + 2 * eps * r.nextDouble());
        }
        clip(a, specs);
        return a;
    }

    /**
     * Each row in place: clamp to [0, 1]; if the row then sums to 0, 1 at the argmax of the row as it
     * was (the first, on ties); divide by the row's sum.
     */
    static void clip(float[] a, List<AlphaSpec> specs) {
        int offset = 0;
        for (AlphaSpec s : specs) {
            int width = s.width();
            for (int e = 0; e < s.edges(); e++, offset += width) {
                int max = offset;
                for (int i = offset; i < offset + width; i++) {
                    if (a[i] > a[max]) {
                        max = i;
                    }
                }
                float sum = 0;
                for (int i = offset; i < offset + width; i++) {
                    a[i] = Math.max(0f, Math.min(1f, a[i]));
                    sum += a[i];
                }
                if (sum == 0) {
                    a[max] = 1;
                    sum = 1;
                }
                for (int i = offset; i < offset + width; i++) {
                    a[i] /= sum;
                }
            }
        }
    }

    /** The eval-mode cross-entropy at op weights {@code a}, without recording. */
    private float loss(float[] a, NDArray images, NDArray targets) {
        alpha.fixOpWeights(a);
        try (NDScope scope = new NDScope(); NoGrad off = new NoGrad()) {
            NDArray logits = net.forward(images, alpha.opWeights(), false);
            return Losses.crossEntropy(logits, targets).getFloat();
        } finally {
            alpha.releaseOpWeights();
        }
    }

    /** ∇A of the eval-mode cross-entropy at op weights {@code a}. */
    float[] gradient(float[] a, NDArray images, NDArray targets) {
        alpha.fixOpWeights(a);
        alpha.setTrainable(true);
        try (NDScope scope = new NDScope()) {
            LossPass.run(net, alpha, images, targets, () -> null, false);
            return alpha.takeGradients();
        } finally {
            alpha.setTrainable(false);
            alpha.releaseOpWeights();
        }
    }
}
