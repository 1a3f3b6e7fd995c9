package org.betadarts.method;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.betadarts.data.SavableRandom;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.SampledOp;
import org.betadarts.space.AlphaSpec;

/**
 * GDAS (Dong and Yang 2019): each pass samples one op per edge by the Gumbel-max trick and computes
 * only that op. From op weights P (softmax(α)) and Gumbel noise g = −log(E), E ~ Exp(1), drawn anew
 * for every pass: probs = softmax((log P + g) / τ) per edge, h = one_hot(argmax probs), and the
 * edge's weights are {@code h − stop_gradient(probs) + probs}: the one-hot vector forward, the
 * gradient of the soft probabilities backward (straight-through). A draw that is not finite is drawn
 * again. The temperature falls linearly from τ_max in the first epoch to τ_min in the last,
 * τ(e) = τ_max − (τ_max − τ_min)·e/(E − 1), as the official search computes it (τ_max alone in a
 * one-epoch search). The draws come from a generator of their own, saved in checkpoints. As the
 * β-DARTS GDAS code, the α gradient's norm is clipped before each α update.
 */
public final class Gdas extends NamedMethod {
    public static final String NAME = "gdas";
    public static final double TAU_MAX = 10;
    public static final double TAU_MIN = 0.1;
    /** Probabilities below this count as it inside the logarithm (perturbed weights may be exactly 0). */
    private static final float SMALLEST = Float.MIN_NORMAL;

    private final List<AlphaSpec> alphas;
    private final double tauMax;
    private final double tauMin;
    private final SavableRandom random;
    private double tau;
    /** The noise of the current pass, one array per α tensor (row-major); null before the first pass. */
    private List<float[]> gumbels;

    public Gdas(List<AlphaSpec> alphas, double tauMax, double tauMin, long seed) {
        super(NAME, new SampledOp());
        this.alphas = List.copyOf(alphas);
        this.tauMax = tauMax;
        this.tauMin = tauMin;
        this.random = new SavableRandom(seed);
        this.tau = tauMax;
    }

    /** τ at epoch {@code epoch} (0-based) of {@code epochs}. */
    public static double tau(double max, double min, int epoch, int epochs) {
        return epochs <= 1 ? max : max - (max - min) * epoch / (epochs - 1);
    }

    @Override
    public void startEpoch(int epoch, int epochs) {
        tau = tau(tauMax, tauMin, epoch, epochs);
    }

    @Override
    public void newPass() {
        List<float[]> drawn = new ArrayList<>();
        for (AlphaSpec spec : alphas) {
            float[] g = new float[spec.edges() * spec.width()];
            for (int i = 0; i < g.length; i++) {
                g[i] = gumbel(random);
            }
            drawn.add(g);
        }
        gumbels = drawn;
    }

    /** −log(E) with E = −log(1 − U) ~ Exp(1), drawn again while it is not finite (U = 0 gives +∞). */
    static float gumbel(Random r) {
        while (true) {
            float g = (float) -Math.log(-Math.log(1 - r.nextDouble()));
            if (Float.isFinite(g)) {
                return g;
            }
        }
    }

    @Override
    public NDArray opWeights(int index, NDArray probabilities) {
        if (gumbels == null) {
            newPass();
        }
        try (NDArray floor = HostValues.maximum(probabilities, SMALLEST);
             NDArray logP = floor.log();
             NDArray g = HostValues.tensor(probabilities.getManager(), gumbels.get(index), probabilities.getShape())
                     .toType(probabilities.getDataType(), false);
             NDArray noisy = logP.add(g);
             NDArray logits = HostValues.div(noisy, (float) tau);
             NDArray soft = logits.softmax(1);
             NDArray chosen = soft.argMax(1);
             NDArray hard = chosen.oneHot(Math.toIntExact(probabilities.getShape().get(1)), soft.getDataType());
             NDArray detached = soft.stopGradient();
             NDArray offset = hard.sub(detached)) {
            return offset.add(soft);
        }
    }

    @Override
    public boolean clipsAlphaGradient() {
        return true;
    }

    @Override
    public Map<String, Double> state(int epoch, int epochs) {
        return Map.of("tau", tau(tauMax, tauMin, epoch, epochs));
    }

    @Override
    public Optional<SavableRandom> random() {
        return Optional.of(random);
    }
}
