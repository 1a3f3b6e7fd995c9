package org.betadarts.search;

import static org.betadarts.io.Records.field;
import static org.betadarts.io.UserError.require;

import java.util.LinkedHashMap;
import java.util.Map;
import org.betadarts.io.Records;
import org.betadarts.io.UserError;
import org.betadarts.method.Gdas;
import org.betadarts.method.SearchMethods;
import org.betadarts.nn.Precision;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;
import org.betadarts.regularize.Regularizers;

/**
 * Every setting of a search, resolved. Presets are named bundles of these values: the paper preset
 * names every field ({@link #paper()}), the others, spaces and methods name the fields they change in
 * it; command-line options override single fields by name (see {@link #with(Map)}).
 *
 * @param imageSize side of the square images of an image-folder dataset (others keep their own size)
 * @param maxTrain use only the first maxTrain training images (0: all)
 * @param trainPortion share of the (limited) training set that trains the weights; the rest trains α
 * @param cells cells per stage (N, option -N/--cells-per-stage) in NAS-Bench-201; cells in all (L, option
 *     --layers) in the DARTS spaces
 * @param lambda the regularizer's weight schedule (linear:START:END or a number); null: the
 *     regularizer's default (see {@link Regularizers})
 * @param order the α gradient: first (first order) or second (unrolled, finite-difference Hessian)
 * @param trackHessian measure the dominant eigenvalue of the validation-loss Hessian w.r.t. α after
 *     each epoch ({@link ValidationHessian})
 * @param recompute which first layers of the supernet run again in the backward pass instead of
 *     keeping their activations: auto (the default, also when null, as in settings written before
 *     it existed: the first cells in the DARTS spaces, none in NAS-Bench-201), off, a number of
 *     layers or cut points ({@link RecomputeSetting}); changes memory and time, not results
 * @param lrEpochOffset epoch e trains at the cosine rate of epoch e + lrEpochOffset: 1 as the official
 *     code, which steps its scheduler before each epoch (the last epoch trains at lrMin), 0 for the
 *     plain reading (epoch 0 at lr, lrMin never reached)
 * @param alphaBatches how the α steps take their batches from the α half: {@value #RANDOM_BATCHES}, a
 *     fresh random batch every step as the official code ({@code next(iter(valid_queue))}), or
 *     {@value #ONE_PASS}, one shuffled pass per epoch (also when null, as in settings written before it
 *     existed)
 * @param lastBatch {@value #KEEP} the last, partial batch of the weight half in each epoch (the
 *     official loader: 391 steps per CIFAR-10 epoch) or {@value #DROP} it (also when null)
 * @param clipAlpha whether the weight step's gradient clipping also counts the gradient of the training
 *     loss with respect to the op weights softmax(α), as the official NAS-Bench-201 code, which clips
 *     {@code model.parameters()} with α among them (α itself is not changed by the weight step)
 * @param perturbAlpha the SDARTS perturbation of the op weights in each weight step ({@link Perturbation}):
 *     none, random (SDARTS-RS) or adversarial (SDARTS-ADV); null: none
 * @param perturbEpsilon the perturbation radius of the last epoch's schedule: ε = 0.03 + (perturbEpsilon − 0.03)
 *     · epoch / epochs
 * @param precision fp32 (also when null) or bf16: the number type of the supernet's convolutions and linear
 *     layers ({@link Precision})
 * @param method the search method ({@code method.SearchMethods}): darts, gdas or pc-darts; null (settings
 *     written before it existed): darts
 * @param tauMax GDAS' Gumbel-softmax temperature in the first epoch
 * @param tauMin GDAS' temperature in the last epoch
 * @param alphaWarmup epochs at the start without α steps (the weights train alone; PC-DARTS: 15)
 */
public record SearchConfig(
        String space,
        String dataset,
        String dataDir,
        int imageSize,
        int maxTrain,
        int epochs,
        int batchSize,
        int channels,
        int cells,
        double trainPortion,
        long seed,
        double lr,
        double lrMin,
        double momentum,
        double weightDecay,
        double gradClip,
        double archLr,
        double archBeta1,
        double archBeta2,
        double archWeightDecay,
        double alphaInit,
        String regularizer,
        String lambda,
        String device,
        String order,
        boolean trackHessian,
        String recompute,
        int lrEpochOffset,
        String alphaBatches,
        String lastBatch,
        boolean clipAlpha,
        String perturbAlpha,
        double perturbEpsilon,
        String precision,
        String method,
        double tauMax,
        double tauMin,
        int alphaWarmup) {

    public static final String DEFAULT_PRESET = "quick";
    public static final String RANDOM_BATCHES = "random";
    public static final String ONE_PASS = "pass";
    public static final String KEEP = "keep";
    public static final String DROP = "drop";

    /**
     * The settings of the official β-DARTS search on NAS-Bench-201 (100 epochs, all data), with its
     * scheduler offset, a random α batch per step, the last partial batch kept and α's gradient in
     * the clipping norm.
     */
    public static SearchConfig paper() {
        return Records.of(SearchConfig.class,
                field("space", Spaces.DEFAULT),
                field("dataset", "cifar10"),
                field("dataDir", null),
                field("imageSize", 32),
                field("maxTrain", 0),
                field("epochs", 100),
                field("batchSize", 64),
                field("channels", 16),
                field("cells", 5),
                field("trainPortion", 0.5),
                field("seed", 0),
                field("lr", 0.025),
                field("lrMin", 0.001),
                field("momentum", 0.9),
                field("weightDecay", 3e-4),
                field("gradClip", 5),
                field("archLr", 3e-4),
                field("archBeta1", 0.5),
                field("archBeta2", 0.999),
                field("archWeightDecay", 1e-3),
                field("alphaInit", 1e-3),
                field("regularizer", "beta-decay"),
                field("lambda", null),
                field("device", "cpu"),
                field("order", Architect.FIRST),
                field("trackHessian", false),
                field("recompute", RecomputeSetting.AUTO),
                field("lrEpochOffset", 1),
                field("alphaBatches", RANDOM_BATCHES),
                field("lastBatch", KEEP),
                field("clipAlpha", true),
                field("perturbAlpha", "none"),
                field("perturbEpsilon", 0.3),
                field("precision", "fp32"),
                field("method", SearchMethods.DEFAULT),
                field("tauMax", Gdas.TAU_MAX),
                field("tauMin", Gdas.TAU_MIN),
                field("alphaWarmup", 0));
    }

    /** The search method's name: {@link #method}, darts when unset. */
    public String methodName() {
        return method == null ? SearchMethods.DEFAULT : method;
    }

    /** Whether every α step draws a fresh random batch (else one shuffled pass per epoch). */
    public boolean randomAlphaBatches() {
        return RANDOM_BATCHES.equals(alphaBatches);
    }

    /** Whether the last, partial batch of the weight half is dropped. */
    public boolean dropLastBatch() {
        return !KEEP.equals(lastBatch);
    }

    /**
     * A real but small search that ends in minutes on a laptop CPU: Fashion-MNIST, narrow and shallow.
     * It makes 368 α steps where the paper preset makes 39,100, so α's learning rate is 0.01 instead
     * of 3e-4: at 3e-4 the softmax of every edge stays within 0.199–0.201 and the derived cell is
     * decided by noise.
     */
    public static SearchConfig quick() {
        return paper().with(Map.of("dataset", "fashion-mnist", "maxTrain", 6000, "epochs", 8,
                "channels", 8, "cells", 1, "archLr", 0.01));
    }

    /**
     * A preset for a space: the preset with that space and the settings the space changes in it
     * (the DARTS spaces: 50 epochs and 8 cells in the paper preset).
     */
    public static SearchConfig preset(String name, SearchSpace space) {
        return preset(name, space, SearchMethods.DEFAULT);
    }

    /**
     * A preset for a space and a search method: the preset, then the settings the space changes in it,
     * then those the method changes (PC-DARTS: its batch size and learning rates in the paper preset).
     */
    public static SearchConfig preset(String name, SearchSpace space, String method) {
        Map<String, Object> overrides = new LinkedHashMap<>(space.presetOverrides(name));
        overrides.putAll(SearchMethods.presetOverrides(method, name));
        overrides.put("space", space.name());
        overrides.put("method", method);
        return preset(name).with(overrides);
    }

    public static SearchConfig preset(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "paper" -> paper();
            default -> throw new UserError("unknown preset '" + name + "': expected quick or paper");
        };
    }

    /** A copy with the named fields replaced. */
    public SearchConfig with(Map<String, ?> overrides) {
        return Records.with(this, overrides).validated();
    }

    /** Checks ranges; a bad value is the user's mistake. */
    public SearchConfig validated() {
        require(epochs >= 1, "--epochs must be at least 1");
        require(batchSize >= 1, "--batch-size must be at least 1");
        require(channels >= 1, "--channels must be at least 1");
        require(cells >= 1, "-N/--cells-per-stage or --layers must be at least 1");
        require(trainPortion > 0 && trainPortion < 1, "--train-portion must be between 0 and 1");
        require(maxTrain >= 0, "--max-train must be 0 (all) or positive");
        require(lr > 0 && archLr > 0, "learning rates must be positive");
        Architect.checkOrder(order);
        Regularizers.create(regularizer, lambda);
        RecomputeSetting.check(recompute);
        require(lrEpochOffset == 0 || lrEpochOffset == 1, "--lr-epoch-offset must be 0 or 1");
        require(alphaBatches == null || alphaBatches.equals(RANDOM_BATCHES) || alphaBatches.equals(ONE_PASS),
                "--alpha-batches must be random or pass, not '" + alphaBatches + "'");
        require(lastBatch == null || lastBatch.equals(KEEP) || lastBatch.equals(DROP),
                "--last-batch must be keep or drop, not '" + lastBatch + "'");
        Perturbation.check(perturbAlpha);
        require(perturbEpsilon >= 0, "--perturb-epsilon must not be negative");
        Precision.parse(precision);
        SearchMethods.check(methodName());
        require(tauMax > 0 && tauMin > 0, "--tau-max and --tau-min must be positive");
        require(alphaWarmup >= 0, "--alpha-warmup must not be negative");
        return this;
    }
}
