package org.betadarts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.betadarts.data.Batch;
import org.betadarts.data.BatchLoader;
import org.betadarts.data.Cutout;
import org.betadarts.data.Dataset;
import org.betadarts.data.Prefetch;
import org.betadarts.data.SavableRandom;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.HostValues;
import org.betadarts.nn.Losses;
import org.betadarts.nn.Parameters;
import org.betadarts.optim.Cosine;
import org.betadarts.optim.GradClip;
import org.betadarts.optim.Sgd;
import org.betadarts.search.Evaluation;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.RunListener;
import org.betadarts.search.RunOptions;
import org.betadarts.search.StopRequest;
import org.betadarts.search.StoppedOnRequest;
import org.betadarts.search.Totals;
import org.betadarts.space.EvalNetwork;
import org.betadarts.space.NetworkShape;

/**
 * Trains a found cell from scratch: SGD (Nesterov or plain momentum, weight decay, optional global-norm
 * clipping) with the learning rate cosine-annealed per epoch, on all (or the first {@code maxTrain})
 * training images, augmented as the dataset says, plus cutout when asked; an auxiliary head's loss
 * weighted in when the network has one; drop-path ramped from 0 to its setting over the epochs. After each
 * epoch the network is evaluated on the test images and a metrics line is written. Batches, cutout
 * included, are prepared on a background thread ({@link Prefetch}) while the network works.
 *
 * <p>Checkpoints ({@link TrainCheckpoint}) are written at the start, after every epoch and, if asked,
 * every few steps; {@link #restore} puts a training back to one and {@link #run} continues from there,
 * ending as an uninterrupted run would (on the same machine and thread count). The data order, cutout
 * and drop-path each draw from their own {@link SavableRandom}; the tensor engine's generator is not used.
 */
public final class Trainer implements AutoCloseable {
    /** The outcome file of a training run directory. */
    public static final String RESULT = "result.json";

    private final TrainConfig config;
    private final FoundCell cell;
    private final Dataset data;
    private final NDManager manager;
    private final Parameters weights;
    private final EvalNetwork net;
    private final Sgd sgd;
    private final BatchLoader trainBatches;
    private final BatchLoader testBatches;
    private final Cutout cutout;
    private final SavableRandom order;
    private final SavableRandom cutoutRandom;
    private final SavableRandom dropPathRandom;
    private final NetworkShape shape;
    private double lastTestAccuracy = Double.NaN;
    private double bestTestAccuracy = Double.NaN;
    private int bestEpoch;
    /** Where {@link #run} starts: the beginning, or the position of a restored checkpoint. */
    private TrainPosition next;

    public Trainer(TrainConfig config, Dataset data, FoundCell cell, Device device) {
        if (config.dropPath() > 0 && !cell.space().hasDropPath()) {
            throw new UserError(cell.space().name() + " networks have no drop-path: leave --drop-path at 0");
        }
        this.config = config;
        this.cell = cell;
        this.data = data.limit(limit(config.maxTrain()), limit(config.maxTest()));
        if (this.data.train().size() == 0 || this.data.test().size() == 0) {
            throw new UserError(data.name() + ": no training or no test images to use");
        }
        shape = new NetworkShape(data.train().channels(), data.numClasses(), config.channels(), config.cells());
        manager = Devices.manager(device);
        try {
            weights = new Parameters(manager, config.seed());
            net = cell.space().build(weights, shape, cell.genotype(), config.auxiliaryWeight() > 0);
            sgd = new Sgd(weights.paramList(), (float) config.momentum(), (float) config.weightDecay(),
                    config.nesterov());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        Random random = new Random(config.seed());
        order = new SavableRandom(random.nextLong());
        trainBatches = new BatchLoader(this.data.train(), all(this.data.train().size()), config.batchSize(),
                data.mean(), data.std(), data.augmentation(), order,
                BatchLoader.Order.SHUFFLED, BatchLoader.LastBatch.KEEP);
        testBatches = BatchLoader.inOrder(this.data.test(), all(this.data.test().size()), Math.max(config.batchSize(), 256),
                data.mean(), data.std(), BatchLoader.LastBatch.KEEP);
        cutout = new Cutout(config.cutout());
        cutoutRandom = new SavableRandom(random.nextLong());
        dropPathRandom = new SavableRandom(random.nextLong());
        next = begin(0);
    }

    private static int limit(int max) {
        return max == 0 ? Integer.MAX_VALUE : max;
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    /** The dataset as trained on: limited to {@code maxTrain} and {@code maxTest} images. */
    public Dataset data() {
        return data;
    }

    public Parameters weights() {
        return weights;
    }

    /** Trained weights, any auxiliary head excluded. */
    public long parameterCount() {
        return EvalNetwork.parameterCount(weights);
    }

    public int stepsPerEpoch() {
        return trainBatches.batchesPerEpoch();
    }

    TrainConfig config() {
        return config;
    }

    FoundCell cell() {
        return cell;
    }

    Sgd sgd() {
        return sgd;
    }

    SavableRandom dropPathRandom() {
        return dropPathRandom;
    }

    /** The epochs done: 0 for a new training, the checkpoint's for a restored one. */
    public int epochsDone() {
        return next.epoch;
    }

    /**
     * Puts the whole state back to a checkpoint: weights, buffers, momentum, the best accuracy so far,
     * the generators and the running totals of its epoch. A checkpoint of another cell, other settings
     * or other shapes is refused with a {@link UserError} and changes nothing.
     */
    public void restore(Checkpoints.Loaded checkpoint) {
        next = TrainCheckpoint.restore(this, checkpoint.contents(), checkpoint.entry().file().toString());
    }

    /** The test accuracy of the last epoch done, the best so far and its epoch (1-based; 0: none yet). */
    double[] accuracies() {
        return new double[] {lastTestAccuracy, bestTestAccuracy, bestEpoch};
    }

    void setAccuracies(double last, double best, int epoch) {
        lastTestAccuracy = last;
        bestTestAccuracy = best;
        bestEpoch = epoch;
    }

    /** {@link #run(RunDirectory, RunListener, RunOptions)} with the default options. */
    public TrainResult run(RunDirectory dir, RunListener listener) {
        return run(dir, listener, RunOptions.DEFAULTS);
    }

    /**
     * Runs every epoch from where the training stands, writing {@code genotype.json}, {@code genotype.txt},
     * one line of {@code metrics.jsonl} per epoch, {@value #RESULT}, the model directory
     * {@value TrainedModel#DIRECTORY} and checkpoints into {@code dir}. A restored training first drops the
     * metrics lines of the epochs after its checkpoint. Of the options, {@code onNan} is not used.
     */
    public TrainResult run(RunDirectory dir, RunListener listener, RunOptions options) {
        return run(dir, listener, options, StopRequest.NEVER);
    }

    /**
     * {@link #run(RunDirectory, RunListener, RunOptions)} that stops early when {@code stop} is
     * requested: after the step under way (or the epoch, after its last step) it writes a checkpoint
     * and throws {@link StoppedOnRequest}; a training whose last epoch has ended finishes.
     */
    public TrainResult run(RunDirectory dir, RunListener listener, RunOptions options, StopRequest stop) {
        long start = System.nanoTime();
        Checkpoints checkpoints = new Checkpoints(dir.file(RunDirectory.CHECKPOINTS), options.keepCheckpoints());
        int steps = stepsPerEpoch();
        TrainPosition at = next;
        dir.truncateMetrics(at.epoch);
        dir.writeJson(RunDirectory.GENOTYPE_JSON, cell.json());
        dir.writeText(RunDirectory.GENOTYPE_TEXT, cell.genotype().text() + "\n");
        listener.started((long) steps * config.epochs(), (long) steps * at.epoch + at.step);
        if (at.epoch == 0 && at.step == 0) {
            save(checkpoints, at);
        }
        for (int epoch = at.epoch; epoch < config.epochs(); epoch++) {
            TrainPosition position = epoch == at.epoch ? at : begin(epoch);
            Map<String, Object> metrics = runEpoch(position, listener, p -> stop.afterStep(p.epoch, p.step, steps,
                    options.checkpointDue((long) steps * p.epoch + p.step), () -> save(checkpoints, p)));
            dir.appendMetrics(metrics);
            next = begin(epoch + 1);
            save(checkpoints, next);
            listener.epochEnded(metrics);
            stop.afterEpoch(epoch + 1, config.epochs());
        }
        TrainResult result = new TrainResult(cell.space().name(), cell.genotype().text(), parameterCount(),
                config.epochs(), lastTestAccuracy, bestTestAccuracy, bestEpoch, (System.nanoTime() - start) / 1e9);
        dir.writeJson(RESULT, result);
        model().save(dir.file(TrainedModel.DIRECTORY));
        return result;
    }

    private void save(Checkpoints checkpoints, TrainPosition at) {
        checkpoints.write(at.epoch, at.step, TrainCheckpoint.capture(this, at));
    }

    /** The start of an epoch: nothing done, the data order and cutout generators as they stand now. */
    private TrainPosition begin(int epoch) {
        return new TrainPosition(epoch, order.state(), cutoutRandom.state());
    }

    /** One epoch of training, then evaluation on the test images; returns the epoch's metrics line. */
    public Map<String, Object> runEpoch(int epoch, RunListener listener) {
        return runEpoch(begin(epoch), listener, p -> {});
    }

    /** The rest of an epoch from {@code p}, calling {@code afterStep} after each step; then evaluation. */
    private Map<String, Object> runEpoch(TrainPosition p, RunListener listener, Consumer<TrainPosition> afterStep) {
        long start = System.nanoTime();
        double before = p.seconds;
        int epoch = p.epoch;
        float lr = Cosine.lr((float) config.lr(), (float) config.lrMin(), epoch, config.epochs());
        DropPath dropPath = new DropPath(config.dropPath() * epoch / config.epochs(), dropPathRandom);
        order.setState(p.orderState);
        cutoutRandom.setState(p.cutoutState);
        try (Prefetch<Batch> batches = new Prefetch<>(withCutout(trainBatches.iterator()), BatchLoader.AHEAD)) {
            for (int done = 0; done < p.step; done++) {
                batches.next();
            }
            while (batches.hasNext()) {
                Batch b = batches.next();
                try (NDScope scope = new NDScope()) {
                    step(b, lr, dropPath, p.train);
                }
                p.step++;
                p.seconds = before + (System.nanoTime() - start) / 1e9;
                listener.stepped(epoch, p.step - 1, p.train.loss(), p.train.accuracy());
                afterStep.accept(p);
            }
        }
        Totals train = p.train;
        Totals test = evaluate();
        lastTestAccuracy = test.accuracy();
        if (!(lastTestAccuracy <= bestTestAccuracy)) {
            bestTestAccuracy = lastTestAccuracy;
            bestEpoch = epoch + 1;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch + 1);
        m.put("lr", lr);
        if (config.dropPath() > 0) {
            m.put("drop_path", dropPath.probability());
        }
        m.put("train_loss", train.loss());
        m.put("train_acc", train.accuracy());
        m.put("test_loss", test.loss());
        m.put("test_acc", test.accuracy());
        m.put("best_test_acc", bestTestAccuracy);
        m.put("seconds", before + (System.nanoTime() - start) / 1e9);
        return m;
    }

    /** The batches of {@code source}, each with cutout applied as it is taken (on the prefetch thread). */
    private Iterator<Batch> withCutout(Iterator<Batch> source) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Batch next() {
                Batch b = source.next();
                cutout.apply(b, cutoutRandom);
                return b;
            }
        };
    }

    private void step(Batch b, float lr, DropPath dropPath, Totals tally) {
        NDArray x = images(b);
        NDArray target = Losses.oneHot(manager, b.labels(), shape.classes());
        EvalNetwork.Outputs out;
        NDArray loss;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            out = net.forward(x, true, dropPath);
            loss = Losses.crossEntropy(out.logits(), target);
            NDArray total = loss;
            if (out.auxiliary() != null) {
                NDArray auxiliary = Losses.crossEntropy(out.auxiliary(), target);
                total = loss.add(HostValues.mul(auxiliary, config.auxiliaryWeight()));
            }
            collector.backward(total);
        }
        if (config.gradClip() > 0) {
            GradClip.clip(weights.paramList(), config.gradClip());
        }
        sgd.step(lr);
        tally.add(loss.getFloat(), Losses.correct(out.logits(), b.labels()), b.size());
    }

    /** Loss and accuracy on the test images, in inference mode. */
    private Totals evaluate() {
        weights.setTrainable(false);
        try {
            return Evaluation.of(testBatches, manager, shape.classes(),
                    images -> net.forward(images, false, DropPath.NONE).logits());
        } finally {
            weights.setTrainable(true);
        }
    }

    private NDArray images(Batch b) {
        return HostValues.tensor(manager, b.images(), new Shape(b.size(), b.channels(), b.height(), b.width()));
    }

    /** The network as it is now, as a model that classifies images (sharing these weights). */
    public TrainedModel model() {
        return TrainedModel.view(new ModelDescription(ModelDescription.FORMAT, ModelDescription.VERSION,
                cell.space().name(), cell.genotype().text(), shape, data.name(), data.train().height(),
                data.train().width(), data.mean(), data.std(), data.classNames(), parameterCount(),
                Double.isNaN(lastTestAccuracy) ? null : lastTestAccuracy), weights, net);
    }

    @Override
    public void close() {
        manager.close();
    }
}
