package org.betadarts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.betadarts.data.Dataset;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.betadarts.search.OnNan;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.RunOptions;
import org.betadarts.search.StopRequest;
import org.betadarts.search.StoppedOnRequest;
import org.betadarts.space.Spaces;
import org.betadarts.train.FoundCell;
import org.betadarts.train.TrainConfig;
import org.betadarts.train.TrainResult;
import org.betadarts.train.TrainedModel;
import org.betadarts.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code betadarts train}: trains a found cell from scratch and saves the trained network. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a found cell from scratch, reports its test accuracy and saves the network "
                + "for 'betadarts predict'.",
            "With no options but --genotype: preset 'quick' (minutes on a CPU, Fashion-MNIST). "
                + "--preset nb201 gives the NAS-Bench-201 protocol (200 epochs) for NAS-Bench-201 cells, "
                + "--preset darts the DARTS paper's (600 epochs) for DARTS cells."})
public final class TrainCommand implements Callable<Integer> {
    /** Fields of options that are not training settings. */
    private static final List<String> RUN_FIELDS = List.of("genotype", "preset", "out", "quiet", "checkpointEvery",
            "keepCheckpoints", "resume");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--genotype", paramLabel = "RUN_DIR|FILE|STRING",
            description = "the cell: a search run directory, a genotype file (genotype.json or .txt), a "
                    + "NAS-Bench-201 arch string or a DARTS genotype")
    String genotype;

    @Option(names = "--preset", description = "quick (default), or nb201 or darts by the cell's space: a bundle of "
            + "defaults that the options below override")
    String preset = TrainConfig.DEFAULT_PRESET;

    @Mixin
    DataFlags dataFlags = new DataFlags();

    @Option(names = "--max-test", description = "evaluate on the first N test images only (0: all)")
    Integer maxTest;

    @Option(names = "--epochs", description = "passes over the training images")
    Integer epochs;

    @Option(names = "--batch-size", description = "images per step")
    Integer batchSize;

    @Mixin
    NetworkFlags network = new NetworkFlags();

    @Option(names = "--seed", description = "seed of the initial weights, the batch order and the augmentation")
    Long seed;

    @Option(names = "--lr", description = "initial learning rate (cosine-annealed)")
    Double lr;

    @Option(names = "--lr-min", description = "learning rate at the end")
    Double lrMin;

    @Option(names = "--momentum", description = "SGD momentum")
    Double momentum;

    @Option(names = "--nesterov", negatable = true, description = "Nesterov momentum (--no-nesterov: plain)")
    Boolean nesterov;

    @Option(names = "--weight-decay", description = "L2 weight decay of SGD")
    Double weightDecay;

    @Option(names = "--grad-clip", description = "largest global gradient norm (0: no clipping)")
    Double gradClip;

    @Option(names = "--auxiliary-weight", description = "weight of the auxiliary head's loss (0: no head)")
    Double auxiliaryWeight;

    @Option(names = "--drop-path", description = "drop-path probability at the last epoch, ramped from 0 (0: none)")
    Double dropPath;

    @Option(names = "--cutout", description = "side of the square cut out of each training image (0: none)")
    Integer cutout;

    @Option(names = "--device", description = "cpu (default), gpu or gpu:N")
    String device;

    @Option(names = "--out", description = "run directory to create (default runs/train-TIME)")
    Path out;

    @Mixin
    RunFlags run = new RunFlags();

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a stopped training from its newest "
            + "checkpoint, with the settings in RUN_DIR/config.json (allowed with it: --quiet, --checkpoint-every, "
            + "--keep-checkpoints, --device)")
    Path resume;

    @Override
    public Integer call() {
        stop = StopSignal.install(); // before the data and the engine load: a signal then is not lost
        if (resume != null) {
            return TrainResume.run(this, resume);
        }
        if (genotype == null) {
            throw new UserError("--genotype is required (or --resume RUN_DIR)");
        }
        FoundCell cell = FoundCell.resolve(genotype);
        TrainConfig config = TrainConfig.preset(cell.space(), preset)
                .with(network.settings(Overrides.of(spec, RUN_FIELDS), cell.space(), cell.space().name()));
        RunOptions options = runOptions(RunOptions.DEFAULTS);
        return train(config, cell, options, trainer -> {
            RunDirectory dir = NewRun.directory(out, "train");
            Map<String, Object> recorded = NewRun.recorded(spec, "train");
            recorded.put("cell", cell.json());
            recorded.put("config", config);
            recorded.put("options", Map.of("checkpointEvery", options.checkpointEvery(),
                    "keepCheckpoints", options.keepCheckpoints()));
            recorded.put("data", DataFlags.source(config.dataset(), config.dataDir()));
            dir.writeJson(RunDirectory.CONFIG, recorded);
            Dataset used = trainer.data();
            System.err.printf(Locale.ROOT, "train: %s cell %s%n       %s (%d training, %d test images), %d epochs, "
                            + "%,d parameters, run directory %s%n", cell.space().name(), cell.genotype().text(),
                    used.name(), used.train().size(), used.test().size(), config.epochs(), trainer.parameterCount(),
                    dir.root());
            return dir;
        });
    }

    /** The options given, over {@code base} (the defaults, or what a resumed run recorded). */
    RunOptions runOptions(RunOptions base) {
        return run.over(base, OnNan.STOP);
    }

    /**
     * Loads the data, builds the trainer, lets {@code prepare} set it up and give the run directory
     * (nothing in a directory changes before it returns), trains and prints the outcome.
     */
    int train(TrainConfig config, FoundCell cell, RunOptions options, Function<Trainer, RunDirectory> prepare) {
        Dataset data = DataFlags.load(config.dataset(), config.dataDir(), config.imageSize());
        try (Trainer trainer = new Trainer(config, data, cell, Devices.parse(config.device()))) {
            RunDirectory dir = prepare.apply(trainer);
            TrainResult result;
            try (ProgressDisplay progress = new ProgressDisplay("train", run.quiet, config.epochs(),
                    m -> epochLine(m, config.epochs()))) {
                result = trainer.run(dir, progress, options, stop);
            } catch (StoppedOnRequest stopped) {
                return StopSignal.stopped("train", stopped, dir.root());
            }
            print(result, cell, dir);
        }
        return 0;
    }

    /** SIGUSR1, or a first SIGINT or SIGTERM, received by this process (see {@link StopSignal}). */
    private StopRequest stop = StopRequest.NEVER;

    private static String epochLine(Map<String, Object> m, int epochs) {
        return String.format(Locale.ROOT, "epoch %s/%d  lr %.4f  train loss %.3f acc %.2f%%  test loss %.3f "
                        + "acc %.2f%%  (%.1f s)", m.get("epoch"), epochs, ((Number) m.get("lr")).doubleValue(),
                (double) m.get("train_loss"), 100 * (double) m.get("train_acc"), (double) m.get("test_loss"),
                100 * (double) m.get("test_acc"), (double) m.get("seconds"));
    }

    private static void print(TrainResult r, FoundCell cell, RunDirectory dir) {
        System.out.printf(Locale.ROOT, "cell:           %s%n", r.genotype());
        System.out.printf(Locale.ROOT, "parameters:     %,d (%.6f M)%n", r.parameters(), r.parameters() / 1e6);
        System.out.printf(Locale.ROOT, "test accuracy:  %.2f%% final, %.2f%% best (epoch %d of %d)%n",
                100 * r.finalTestAccuracy(), 100 * r.bestTestAccuracy(), r.bestEpoch(), r.epochs());
        System.out.printf(Locale.ROOT, "time:           %.1f s%n", r.seconds());
        Spaces.byName(cell.space().name()).benchmark().ifPresent(b -> System.out.println(b.brief(cell.genotype())));
        System.out.println("model:          " + dir.file(TrainedModel.DIRECTORY));
        System.out.println("run directory:  " + dir.root());
    }
}
