package org.betadarts.search;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.betadarts.data.Augmentation;
import org.betadarts.data.Batch;
import org.betadarts.data.BatchLoader;
import org.betadarts.data.Dataset;
import org.betadarts.data.Splits;
import org.betadarts.nn.Losses;
import org.betadarts.nn.MemoryFormat;
import org.betadarts.nn.Parameters;
import org.betadarts.optim.Adam;
import org.betadarts.optim.Cosine;
import org.betadarts.optim.GradClip;
import org.betadarts.optim.Sgd;
import org.betadarts.regularize.LambdaSchedule;
import org.betadarts.regularize.Regularizer;
import org.betadarts.regularize.Regularizers;
import org.betadarts.space.Genotype;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.SupernetModel;

/**
 * The search loop, one for every space and regularizer. The training set is split in two: the first
 * part trains the weights, the second α. Each step is one α step on a batch of the second part
 * ({@link Architect}), then one SGD step of the weights on a batch of the first. After each epoch
 * the supernet is evaluated on the α part and a metrics line is written.
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
    private final Regularizer regularizer;
    private final BatchLoader weightBatches;
    private final BatchLoader alphaBatches;
    private final BatchLoader evalBatches;
    private final int classes;

    public Search(SearchConfig config, Dataset data, SearchSpace space, Device device) {
        this.config = config;
        this.space = space;
        this.classes = data.numClasses();
        manager = NDManager.newBaseManager(device);
        weights = new Parameters(manager, config.seed());
        NetworkShape shape = new NetworkShape(data.train().channels(), classes, config.channels(), config.cells());
        net = space.supernet(weights, shape);
        alpha = new ArchParams(space.alphas(), manager, config.seed() + 1, config.alphaInit());
        regularizer = Regularizers.create(config.regularizer(), LambdaSchedule.parse(config.lambda()));
        Adam adam = new Adam(alpha.values().length, (float) config.archLr(), (float) config.archBeta1(),
                (float) config.archBeta2(), 1e-8f, (float) config.archWeightDecay());
        architect = new Architect(net, weights, alpha, adam, regularizer);
        sgd = new Sgd(weights.paramList(), (float) config.momentum(), (float) config.weightDecay(), false);

        int[][] halves = Splits.divide(data.train().size(), config.trainPortion());
        if (halves[0].length < config.batchSize() || halves[1].length < config.batchSize()) {
            throw new org.betadarts.io.UserError("too few training images (" + data.train().size()
                    + ") for two halves of at least one batch of " + config.batchSize());
        }
        Random random = new Random(config.seed());
        weightBatches = new BatchLoader(data.train(), halves[0], config.batchSize(), data.mean(), data.std(),
                data.augmentation(), new Random(random.nextLong()), true, true);
        alphaBatches = new BatchLoader(data.train(), halves[1], config.batchSize(), data.mean(), data.std(),
                data.augmentation(), new Random(random.nextLong()), true, true);
        evalBatches = new BatchLoader(data.train(), halves[1], Math.max(config.batchSize(), 256), data.mean(),
                data.std(), Augmentation.NONE, new Random(0), false, false);
    }

    public Parameters weights() {
        return weights;
    }

    public ArchParams alpha() {
        return alpha;
    }

    public int stepsPerEpoch() {
        return Math.min(weightBatches.batchesPerEpoch(), alphaBatches.batchesPerEpoch());
    }

    /** Runs every epoch, writing the run directory as it goes; returns the final genotype. */
    public Genotype run(RunDirectory dir, SearchListener listener) {
        listener.started((long) stepsPerEpoch() * config.epochs(), 0);
        writeAlpha(dir, "alpha/epoch-000.json");
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            Map<String, Object> metrics = runEpoch(epoch, listener);
            dir.appendMetrics(metrics);
            writeAlpha(dir, String.format("alpha/epoch-%03d.json", epoch + 1));
            listener.epochEnded(metrics);
        }
        Genotype genotype = space.derive(alpha.matrices());
        writeAlpha(dir, RunDirectory.ALPHA);
        dir.writeJson(RunDirectory.GENOTYPE_JSON, Map.of("space", space.name(), "genotype", genotype.text()));
        dir.writeText(RunDirectory.GENOTYPE_TEXT, genotype.text() + "\n");
        return genotype;
    }

    private void writeAlpha(RunDirectory dir, String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < alpha.specs().size(); i++) {
            out.put(alpha.specs().get(i).name(), alpha.matrices().get(i));
        }
        dir.writeJson(name, Map.of("ops", alpha.specs().get(0).ops(), "alpha", out));
    }

    /** One epoch of alternating steps, then evaluation; returns the epoch's metrics line. */
    public Map<String, Object> runEpoch(int epoch, SearchListener listener) {
        long start = System.nanoTime();
        Totals train = new Totals();
        Totals arch = new Totals();
        float lr = runSteps(epoch, stepsPerEpoch(), listener, train, arch);
        Totals valid = evaluate();
        return metrics(epoch, lr, train, arch, valid, (System.nanoTime() - start) / 1e9);
    }

    /**
     * {@code steps} alternating steps (at most {@link #stepsPerEpoch()}) at the learning rate of
     * {@code epoch}, without the epoch's evaluation: what a benchmark times.
     */
    public void runSteps(int epoch, int steps, SearchListener listener) {
        runSteps(epoch, steps, listener, new Totals(), new Totals());
    }

    private float runSteps(int epoch, int steps, SearchListener listener, Totals train, Totals arch) {
        if (steps > stepsPerEpoch()) {
            throw new IllegalArgumentException(steps + " steps asked, an epoch has " + stepsPerEpoch());
        }
        float lr = Cosine.lr((float) config.lr(), (float) config.lrMin(), epoch, config.epochs());
        Iterator<Batch> weightIt = weightBatches.iterator();
        Iterator<Batch> alphaIt = alphaBatches.iterator();
        for (int step = 0; step < steps; step++) {
            PhaseClock clock = new PhaseClock(listener);
            Batch wb = weightIt.next();
            Batch ab = alphaIt.next();
            try (NDScope scope = new NDScope()) {
                NDArray ax = images(ab);
                NDArray aTarget = Losses.oneHot(manager, ab.labels(), classes);
                NDArray wx = images(wb);
                NDArray wTarget = Losses.oneHot(manager, wb.labels(), classes);
                clock.ended(StepPhase.DATA);
                Architect.StepOutput a = architect.gradient(ax, aTarget, epoch, config.epochs());
                clock.ended(StepPhase.ALPHA_GRADIENT);
                architect.update();
                clock.ended(StepPhase.ALPHA_UPDATE);
                weightStep(wx, wTarget, wb, lr, train, clock);
                arch.add(a.loss().getFloat(), Losses.correct(a.logits(), ab.labels()), ab.size());
            }
            clock.ended(StepPhase.BOOKKEEPING);
            listener.stepped(epoch, step, train.loss(), train.accuracy());
        }
        return lr;
    }

    private void weightStep(NDArray x, NDArray target, Batch b, float lr, Totals totals, PhaseClock clock) {
        weights.setTrainable(true);
        NDArray logits;
        NDArray loss;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            logits = net.forward(x, alpha.opWeights(), true);
            loss = Losses.crossEntropy(logits, target);
            collector.backward(loss);
        }
        clock.ended(StepPhase.WEIGHT_GRADIENT);
        GradClip.clip(weights.paramList(), config.gradClip());
        sgd.step(lr);
        weights.setTrainable(false);
        clock.ended(StepPhase.WEIGHT_UPDATE);
        totals.add(loss.getFloat(), Losses.correct(logits, b.labels()), b.size());
    }

    /** Loss and accuracy of the supernet on the α part, in inference mode. */
    private Totals evaluate() {
        Totals t = new Totals();
        for (Batch b : evalBatches) {
            try (NDScope scope = new NDScope()) {
                NDArray logits = net.forward(images(b), alpha.opWeights(), false);
                NDArray loss = Losses.crossEntropy(logits, Losses.oneHot(manager, b.labels(), classes));
                t.add(loss.getFloat(), Losses.correct(logits, b.labels()), b.size());
            }
        }
        return t;
    }

    private NDArray images(Batch b) {
        NDArray x = manager.create(b.images(), new Shape(b.size(), b.channels(), b.height(), b.width()));
        return MemoryFormat.channelsLast(x);
    }

    private Map<String, Object> metrics(int epoch, float lr, Totals train, Totals arch, Totals valid, double seconds) {
        List<float[][]> a = alpha.matrices();
        double[] meanVar = AlphaStats.meanAndVariance(a);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch + 1);
        m.put("lr", lr);
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
        m.put("softmax", AlphaStats.softmax(a));
        m.put("genotype", space.derive(a).text());
        m.put("seconds", seconds);
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Running sums of loss and correct predictions over batches. */
    private static final class Totals {
        private double lossSum;
        private long correct;
        private long count;

        void add(double meanLoss, int correctInBatch, int size) {
            lossSum += meanLoss * size;
            correct += correctInBatch;
            count += size;
        }

        double loss() {
            return count == 0 ? Double.NaN : lossSum / count;
        }

        double accuracy() {
            return count == 0 ? Double.NaN : (double) correct / count;
        }
    }
}
