package org.betadarts.search;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.betadarts.data.Batch;
import org.betadarts.data.BatchLoader;
import org.betadarts.data.Dataset;
import org.betadarts.data.Prefetch;
import org.betadarts.data.SavableRandom;
import org.betadarts.data.Splits;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.betadarts.method.SearchMethod;
import org.betadarts.method.SearchMethods;
import org.betadarts.nn.Losses;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.Precision;
import org.betadarts.optim.Adam;
import org.betadarts.optim.Cosine;
import org.betadarts.optim.GradClip;
import org.betadarts.optim.Sgd;
import org.betadarts.regularize.Regularizer;
import org.betadarts.regularize.Regularizers;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.ParameterFreeOps;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.SupernetModel;

/**
 * The search loop, one for every space, regularizer and α gradient order. The training set is split
 * in two: the first part trains the weights, the second α. Each step is one α step on a batch of
 * the second part ({@link Architect}; the unrolled gradient also reads the step's training batch),
 * then one SGD step of the weights on a batch of the first (at perturbed op weights with
 * {@code --perturb-alpha}, {@link Perturbation}). After each epoch the supernet is
 * evaluated on the α part and a metrics line is written. The engine's random generator is seeded
 * from the configuration (random ops such as S4's noise repeat). Batches are prepared on background
 * threads ({@link Prefetch}) limited to the batches a loop takes, so the data-order generators end
 * each epoch exactly where taking the batches on this thread would leave them.
 *
 * <p>Checkpoints ({@link SearchCheckpoint}) are written at the start, after every epoch and, if asked,
 * every few steps; {@link #restore} puts a search back to one, and {@link #run} then continues from
 * there with exactly the numbers an uninterrupted run would have produced.
 */
public final class Search implements AutoCloseable {
    private final SearchConfig config;
    private final SearchSpace space;
    private final NDManager manager;
    private final Parameters weights;
    private final SupernetModel net;
    private final ArchParams alpha;
    private final Architect architect;
    private final Sgd sgd;
    private final Adam adam;
    private final Regularizer regularizer;
    private final Perturbation perturbation;
    private final SearchMethod method;
    private final BatchLoader weightBatches;
    private final BatchLoader alphaBatches;
    private final BatchLoader evalBatches;
    private final SavableRandom weightOrder;
    private final SavableRandom alphaOrder;
    private final int classes;
    /** Where {@link #run} starts: the beginning, or the position of a restored checkpoint. */
    private EpochState next;
    private final ValidationHessian hessian;

    public Search(SearchConfig config, Dataset data, SearchSpace space, Device device) {
        this.config = config;
        this.space = space;
        this.classes = data.numClasses();
        manager = Devices.manager(device);
        weights = new Parameters(manager, config.seed()).withPrecision(Precision.parse(config.precision()));
        NetworkShape shape = new NetworkShape(data.train().channels(), classes, config.channels(), config.cells());
        method = SearchMethods.create(config.methodName(), space,
                new SearchMethods.Settings(config.seed() + 3, config.tauMax(), config.tauMin()));
        net = RecomputeSetting.apply(config.recompute(), space.supernet(weights, shape, method.mixing()), space.name());
        alpha = new ArchParams(space.alphas(), method.extraParams(), manager, config.seed() + 1, config.alphaInit(),
                DataType.FLOAT32);
        alpha.use(method);
        regularizer = Regularizers.create(config.regularizer(), config.lambda());
        sgd = new Sgd(weights.paramList(), (float) config.momentum(), (float) config.weightDecay(), false);
        adam = new Adam(alpha.values().length, (float) config.archLr(), (float) config.archBeta1(),
                (float) config.archBeta2(), 1e-8f, (float) config.archWeightDecay());
        AlphaGradient gradient = config.order().equals(Architect.SECOND)
                ? new SecondOrder(net, weights, alpha, regularizer, sgd)
                : new FirstOrder(net, weights, alpha, regularizer);
        architect = new Architect(gradient, alpha, adam, regularizer,
                method.clipsAlphaGradient() ? config.gradClip() : Double.POSITIVE_INFINITY);
        perturbation = new Perturbation(config.perturbAlpha(), config.perturbEpsilon(), config.seed() + 2, net,
                weights, alpha);
        manager.getEngine().setRandomSeed((int) config.seed());

        int[][] halves = Splits.divide(data.train().size(), config.trainPortion());
        if (halves[0].length < config.batchSize() || halves[1].length < config.batchSize()) {
            throw new UserError("too few training images (" + data.train().size()
                    + ") for two halves of at least one batch of " + config.batchSize());
        }
        Random random = new Random(config.seed());
        weightOrder = new SavableRandom(random.nextLong());
        alphaOrder = new SavableRandom(random.nextLong());
        weightBatches = new BatchLoader(data.train(), halves[0], config.batchSize(), data.mean(), data.std(),
                data.augmentation(), weightOrder, BatchLoader.Order.SHUFFLED,
                config.dropLastBatch() ? BatchLoader.LastBatch.DROP : BatchLoader.LastBatch.KEEP);
        alphaBatches = new BatchLoader(data.train(), halves[1], config.batchSize(), data.mean(), data.std(),
                data.augmentation(), alphaOrder,
                config.randomAlphaBatches() ? BatchLoader.Order.RANDOM_BATCHES : BatchLoader.Order.SHUFFLED,
                BatchLoader.LastBatch.DROP);
        evalBatches = BatchLoader.inOrder(data.train(), halves[1], Math.max(config.batchSize(), 256), data.mean(),
                data.std(), BatchLoader.LastBatch.KEEP);
        next = begin(0);
        BatchLoader fixed = BatchLoader.inOrder(data.train(), halves[1], config.batchSize(), data.mean(), data.std(),
                BatchLoader.LastBatch.DROP);
        hessian = config.trackHessian() ? new ValidationHessian(net, weights, alpha, fixed.iterator().next(), classes) : null;
    }

    public Parameters weights() {
        return weights;
    }

    public ArchParams alpha() {
        return alpha;
    }

    /** One pass over the weight half; with one shuffled pass of the α half too, the shorter of the two. */
    public int stepsPerEpoch() {
        return config.randomAlphaBatches() ? weightBatches.batchesPerEpoch()
                : Math.min(weightBatches.batchesPerEpoch(), alphaBatches.batchesPerEpoch());
    }

    /** The weights' learning rate in an epoch: the cosine schedule at epoch + the configured offset. */
    private float learningRate(int epoch) {
        return Cosine.lr((float) config.lr(), (float) config.lrMin(), epoch + config.lrEpochOffset(), config.epochs());
    }

    /** The epochs done: 0 for a new search, the checkpoint's for a restored one. */
    public int epochsDone() {
        return next.epoch;
    }

    /**
     * Puts the whole state back to a checkpoint: weights, buffers, α, optimizer states, the data order
     * and the running totals of its epoch. A checkpoint of another space, other settings or other
     * shapes is refused with a {@link UserError} and changes nothing.
     */
    public void restore(Checkpoints.Loaded checkpoint) {
        next = SearchCheckpoint.restore(this, checkpoint.contents(), checkpoint.entry().file().toString());
    }

    /** {@link #run(RunDirectory, SearchListener, RunOptions)} with the default options. */
    public Genotype run(RunDirectory dir, SearchListener listener) {
        return run(dir, listener, RunOptions.DEFAULTS);
    }

    /**
     * Runs every epoch from where the search stands, writing the run directory and checkpoints as it
     * goes; returns the final genotype. A restored search first drops the metrics lines of the epochs
     * after its checkpoint.
     */
    public Genotype run(RunDirectory dir, SearchListener listener, RunOptions options) {
        return run(dir, listener, options, StopRequest.NEVER);
    }

    /**
     * {@link #run(RunDirectory, SearchListener, RunOptions)} that stops early when {@code stop} is
     * requested: after the step that is under way (or the epoch, after its last step) it writes a
     * checkpoint and throws {@link StoppedOnRequest}; a search whose last epoch has ended finishes.
     */
    public Genotype run(RunDirectory dir, SearchListener listener, RunOptions options, StopRequest stop) {
        Checkpoints checkpoints = new Checkpoints(dir.file(RunDirectory.CHECKPOINTS), options.keepCheckpoints());
        int steps = stepsPerEpoch();
        EpochState at = next;
        dir.truncateMetrics(at.epoch);
        listener.started((long) steps * config.epochs(), (long) steps * at.epoch + at.step);
        if (at.epoch == 0 && at.step == 0) {
            writeAlpha(dir, "alpha/epoch-000.json");
            save(checkpoints, at);
        }
        for (int epoch = at.epoch; epoch < config.epochs(); epoch++) {
            EpochState state = epoch == at.epoch ? at : begin(epoch);
            Map<String, Object> metrics = runEpoch(state, listener, options.onNan(), s -> stop.afterStep(s.epoch,
                    s.step, steps, options.checkpointDue((long) steps * s.epoch + s.step), () -> save(checkpoints, s)));
            dir.appendMetrics(metrics);
            writeAlpha(dir, String.format("alpha/epoch-%03d.json", epoch + 1));
            next = begin(epoch + 1);
            save(checkpoints, next);
            listener.epochEnded(metrics);
            stop.afterEpoch(epoch + 1, config.epochs());
        }
        Genotype genotype = derive();
        writeAlpha(dir, RunDirectory.ALPHA);
        SearchFiles.writeCell(dir, space.name(), genotype);
        return genotype;
    }

    /** The cell the architecture parameters select now (with the method's edge weights, if any). */
    private Genotype derive() {
        List<double[]> edgeWeights = method.edgeWeights(alpha.extraMatrices());
        return edgeWeights == null ? space.derive(alpha.matrices()) : space.derive(alpha.matrices(), edgeWeights);
    }

    private void writeAlpha(RunDirectory dir, String name) {
        SearchFiles.writeAlpha(dir, name, alpha, method.name());
    }

    private void save(Checkpoints checkpoints, EpochState at) {
        checkpoints.write(at.epoch, at.step, SearchCheckpoint.capture(this, at));
    }

    /** The start of an epoch: nothing done, the data order as the generators stand now. */
    EpochState begin(int epoch) {
        return new EpochState(epoch, weightOrder.state(), alphaOrder.state());
    }

    /** One epoch of alternating steps, then evaluation; returns the epoch's metrics line. */
    public Map<String, Object> runEpoch(int epoch, SearchListener listener) {
        return runEpoch(begin(epoch), listener, OnNan.STOP, s -> {});
    }

    /** The rest of an epoch from {@code s}, calling {@code afterStep} after each step; then evaluation. */
    private Map<String, Object> runEpoch(EpochState s, SearchListener listener, OnNan onNan,
                                         Consumer<EpochState> afterStep) {
        long start = System.nanoTime();
        double before = s.seconds;
        alpha.setAuxiliarySkip(regularizer.auxiliarySkip(s.epoch, config.epochs()));
        method.startEpoch(s.epoch, config.epochs());
        float lr = learningRate(s.epoch);
        weightOrder.setState(s.weightOrder);
        alphaOrder.setState(s.alphaOrder);
        int steps = stepsPerEpoch();
        try (Prefetch<Batch> weightIt = weightBatches.prefetch(steps);
             Prefetch<Batch> alphaIt = alphaBatches.prefetch(steps)) {
            for (int done = 0; done < s.step; done++) {
                weightIt.next();
                alphaIt.next();
            }
            while (s.step < steps) {
                step(s, weightIt.next(), alphaIt.next(), lr, onNan, listener);
                s.step++;
                s.seconds = before + (System.nanoTime() - start) / 1e9;
                listener.stepped(s.epoch, s.step - 1, s.train.loss(), s.train.accuracy());
                afterStep.accept(s);
            }
        }
        Totals valid = evaluate();
        return metrics(s.epoch, lr, s.train, s.arch, valid, s.skipped, before + (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@code steps} alternating steps (at most {@link #stepsPerEpoch()}) at the learning rate of
     * {@code epoch}, without the epoch's evaluation and files: what a benchmark times.
     */
    public void runSteps(int epoch, int steps, SearchListener listener) {
        if (steps > stepsPerEpoch()) {
            throw new IllegalArgumentException(steps + " steps asked, an epoch has " + stepsPerEpoch());
        }
        EpochState s = begin(epoch);
        alpha.setAuxiliarySkip(regularizer.auxiliarySkip(epoch, config.epochs()));
        method.startEpoch(epoch, config.epochs());
        float lr = learningRate(epoch);
        try (Prefetch<Batch> weightIt = weightBatches.prefetch(steps);
             Prefetch<Batch> alphaIt = alphaBatches.prefetch(steps)) {
            while (s.step < steps) {
                step(s, weightIt.next(), alphaIt.next(), lr, OnNan.STOP, listener);
                s.step++;
                listener.stepped(s.epoch, s.step - 1, s.train.loss(), s.train.accuracy());
            }
        }
    }

    /**
     * One α step on {@code ab}, then one weight step on {@code wb}, adding to the epoch's totals;
     * the listener hears how long each phase took.
     */
    void step(EpochState s, Batch wb, Batch ab, float lr, OnNan onNan, SearchListener listener) {
        PhaseClock clock = new PhaseClock(listener, manager);
        try (NDScope scope = new NDScope()) {
            StepBatches b = new StepBatches(images(wb), Losses.oneHot(manager, wb.labels(), classes),
                    images(ab), Losses.oneHot(manager, ab.labels(), classes));
            clock.ended(StepPhase.DATA);
            if (s.epoch >= config.alphaWarmup()) {
                alphaStep(s, b, ab.labels(), lr, onNan, clock);
            }
            weightStep(s, b, wb.labels(), lr, onNan, clock);
        }
        clock.ended(StepPhase.BOOKKEEPING);
    }

    private void alphaStep(EpochState s, StepBatches b, int[] labels, float lr, OnNan onNan, PhaseClock clock) {
        UpdateUndo undo = onNan == OnNan.SKIP_BATCH ? new UpdateUndo() : null;
        method.newPass();
        AlphaGradient.Result a = architect.gradient(b, lr, s.epoch, config.epochs());
        clock.ended(StepPhase.ALPHA_GRADIENT);
        architect.update(a, s.epoch, config.epochs());
        clock.ended(StepPhase.ALPHA_UPDATE);
        float loss = a.loss().getFloat();
        String problem = !Float.isFinite(loss) ? loss + " loss"
                : !(finite(alpha.values()) && finite(adam.firstMoment()) && finite(adam.secondMoment()))
                ? "non-finite gradient" : null;
        if (problem != null) {
            nonFinite(s, problem, "alpha", onNan);
            undo.apply(alpha.tensors());
            return;
        }
        s.arch.add(loss, Losses.correct(a.logits(), labels), labels.length);
    }

    /**
     * One SGD step of the weights on the training batch (gradient norm clipped), at the perturbed op
     * weights of a perturbed search ({@link Perturbation}).
     */
    private void weightStep(EpochState s, StepBatches b, int[] labels, float lr, OnNan onNan, PhaseClock clock) {
        UpdateUndo undo = onNan == OnNan.SKIP_BATCH ? new UpdateUndo() : null;
        method.newPass();
        float[] opWeights = perturbation.on()
                ? perturbation.opWeights(s.epoch, config.epochs(), b.trainImages(), b.trainTargets())
                : config.clipAlpha() ? alpha.softmaxValues() : null;
        weights.setTrainable(true);
        LossPass.Output out;
        double norm;
        if (opWeights != null) {
            alpha.fixOpWeights(opWeights);
            alpha.setTrainable(config.clipAlpha());
        }
        try {
            out = LossPass.run(net, alpha, b.trainImages(), b.trainTargets());
            clock.ended(StepPhase.WEIGHT_GRADIENT);
            norm = config.clipAlpha()
                    ? GradClip.clip(weights.paramList(), alpha.tensors(), config.gradClip())
                    : GradClip.clip(weights.paramList(), config.gradClip());
        } finally {
            if (opWeights != null) {
                if (config.clipAlpha()) {
                    alpha.takeGradientTensors().forEach(NDArray::close);
                    alpha.setTrainable(false);
                }
                alpha.releaseOpWeights();
            }
        }
        float lossValue = out.loss().getFloat();
        if (!Float.isFinite(lossValue) || !Double.isFinite(norm)) {
            nonFinite(s, Float.isFinite(lossValue) ? "non-finite gradient" : lossValue + " loss", "weight", onNan);
            undo.apply(weights.paramList());
            return;
        }
        sgd.step(lr);
        weights.setTrainable(false);
        clock.ended(StepPhase.WEIGHT_UPDATE);
        s.train.add(lossValue, Losses.correct(out.logits(), labels), labels.length);
    }

    /** Stops the search, or counts a skipped update, after a NaN or infinity. */
    private static void nonFinite(EpochState s, String problem, String phase, OnNan onNan) {
        if (onNan == OnNan.STOP) {
            throw new UserError(String.format("%s in the %s step at epoch %d, step %d: search stopped, its last "
                    + "checkpoint kept (--on-nan skip-batch skips such updates)", problem, phase, s.epoch + 1, s.step + 1));
        }
        s.skipped++;
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What one update may change besides the gradients, copied before it: α, Adam's state and the
     * batch-norm statistics (the training-mode forward pass updates them).
     */
    private final class UpdateUndo {
        private final float[] alphaValues = alpha.values().clone();
        private final float[] m = adam.firstMoment().clone();
        private final float[] v = adam.secondMoment().clone();
        private final long adamSteps = adam.steps();
        private final List<NDArray> buffers = weights.buffers().values().stream().map(NDArray::duplicate).toList();

        /** Puts everything back, zeroes the gradients of {@code trained} and ends their recording. */
        void apply(List<NDArray> trained) {
            System.arraycopy(alphaValues, 0, alpha.values(), 0, alphaValues.length);
            alpha.upload();
            adam.restore(m, v, adamSteps);
            int i = 0;
            for (NDArray b : weights.buffers().values()) {
                b.set(new NDIndex("..."), buffers.get(i++));
            }
            for (NDArray t : trained) {
                t.setRequiresGradient(true);
                t.getGradient().set(new NDIndex("..."), 0);
                t.setRequiresGradient(false);
            }
        }
    }

    /** Loss and accuracy of the supernet on the α part, in inference mode. */
    private Totals evaluate() {
        return Evaluation.of(evalBatches, manager, classes, images -> {
            method.newPass();
            return net.forward(images, alpha.opWeights(), false);
        });
    }

    private NDArray images(Batch b) {
        return Evaluation.images(manager, b);
    }

    private Map<String, Object> metrics(int epoch, float lr, Totals train, Totals arch, Totals valid, int skipped,
                                        double seconds) {
        List<float[][]> a = alpha.matrices();
        double[] meanVar = AlphaStats.meanAndVariance(a);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch + 1);
        m.put("lr", lr);
        if (perturbation.on()) {
            m.put("perturb_epsilon", perturbation.epsilon(epoch, config.epochs()));
        }
        if (!method.name().equals(SearchMethods.DEFAULT)) {
            m.put("method", method.name());
            m.putAll(method.state(epoch, config.epochs()));
        }
        m.put("regularizer", regularizer.name());
        m.putAll(regularizer.state(epoch, config.epochs()));
        m.put("train_loss", train.loss());
        m.put("train_acc", train.accuracy());
        m.put("arch_loss", arch.loss());
        m.put("arch_acc", arch.accuracy());
        m.put("valid_loss", valid.loss());
        m.put("valid_acc", valid.accuracy());
        m.put("beta_term", AlphaStats.meanLogSumExp(a));
        m.put("alpha_mean", meanVar[0]);
        m.put("alpha_var", meanVar[1]);
        List<double[][]> softmax = AlphaStats.softmax(a);
        Map<String, Double> opShare = AlphaStats.opShare(softmax, alpha.specs());
        m.put("softmax", softmax);
        m.put("op_share", opShare);
        m.put("param_free_weight", ParameterFreeOps.weight(space, opShare));
        if (hessian != null) {
            m.put("hessian_eig", hessian.dominantEigenvalue());
        }
        m.put("genotype", derive().text());
        m.put("skipped", skipped);
        m.put("seconds", seconds);
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }

    SearchConfig config() {
        return config;
    }

    SearchSpace space() {
        return space;
    }

    Sgd sgd() {
        return sgd;
    }

    Adam adam() {
        return adam;
    }

    Regularizer regularizer() {
        return regularizer;
    }

    Perturbation perturbation() {
        return perturbation;
    }

    SearchMethod method() {
        return method;
    }
}
