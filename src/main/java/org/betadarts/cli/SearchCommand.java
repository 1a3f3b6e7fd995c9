package org.betadarts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.betadarts.data.Dataset;
import org.betadarts.nn.Devices;
import org.betadarts.search.OnNan;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.RunOptions;
import org.betadarts.search.Search;
import org.betadarts.search.SearchConfig;
import org.betadarts.search.StopRequest;
import org.betadarts.search.StoppedOnRequest;
import org.betadarts.space.Genotype;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code betadarts search}: runs an architecture search and reports the cell it found. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Searches a cell with differentiable architecture search.",
            "With no options: a beta-decay search on NAS-Bench-201 over a small part of Fashion-MNIST "
                + "(preset 'quick', minutes on a laptop). --preset paper gives the official search."})
public final class SearchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", description = "quick (default) or paper: a bundle of defaults that the options below override")
    String preset = SearchConfig.DEFAULT_PRESET;

    @Option(names = "--space", description = "search space: ${COMPLETION-CANDIDATES}", completionCandidates = Names.OfSpaces.class)
    String space;

    @Option(names = "--method", description = "search method: ${COMPLETION-CANDIDATES} (default darts); see the README's "
            + "'Search methods'", completionCandidates = Names.OfMethods.class)
    String method;

    @Mixin
    DataFlags dataFlags = new DataFlags();

    @Option(names = "--epochs")
    Integer epochs;

    @Option(names = "--batch-size")
    Integer batchSize;

    @Mixin
    NetworkFlags network = new NetworkFlags();

    @Option(names = "--train-portion", description = "share of the training images that trains the weights; the rest trains alpha")
    Double trainPortion;

    @Option(names = "--seed")
    Long seed;

    @Option(names = "--regularizer", description = "regularizer of α: ${COMPLETION-CANDIDATES} (none: plain DARTS)",
            completionCandidates = Names.OfRegularizers.class)
    String regularizer;

    @Option(names = "--lambda", description = "regularizer weight (darts-minus: skip weight beta): slope:STEP "
            + "(STEP * epoch), linear:START:END (scaled to the run) or a constant; default slope:0.5 "
            + "(darts-minus linear:1:0)")
    String lambda;

    @Option(names = "--order", description = "alpha gradient: first (default) or second (unrolled, finite-difference Hessian)")
    String order;

    @Option(names = "--lr", description = "weight learning rate (cosine-annealed)")
    Double lr;

    @Option(names = "--lr-min")
    Double lrMin;

    @Option(names = "--weight-decay")
    Double weightDecay;

    @Option(names = "--lr-epoch-offset", paramLabel = "0|1", description = "epoch e trains at the cosine rate of "
            + "epoch e + OFFSET; default 1 as the official code (its scheduler steps before each epoch, so the last "
            + "epoch trains at --lr-min)")
    Integer lrEpochOffset;

    @Option(names = "--alpha-batches", paramLabel = "random|pass", description = "alpha steps take a fresh random "
            + "batch of the alpha half each step (random, default, as the official code) or one shuffled pass per epoch")
    String alphaBatches;

    @Option(names = "--last-batch", paramLabel = "keep|drop", description = "the last, partial batch of the weight "
            + "half in each epoch: keep (default, as the official loader) or drop")
    String lastBatch;

    @Option(names = "--clip-alpha", paramLabel = "true|false", arity = "1", description = "count the training "
            + "loss's gradient w.r.t. the op weights softmax(alpha) in the weight step's clipping norm (default: true "
            + "in nb201, false in the DARTS spaces, as the official code)")
    Boolean clipAlpha;

    @Option(names = "--perturb-alpha", paramLabel = "none|random|adversarial", description = "SDARTS: the weight "
            + "step runs at perturbed op weights softmax(alpha): random (SDARTS-RS, uniform noise) or adversarial "
            + "(SDARTS-ADV, 7 steps of projected gradient ascent); default random in the DARTS spaces, none in nb201, "
            + "as the official code")
    String perturbAlpha;

    @Option(names = "--perturb-epsilon", paramLabel = "EPS", description = "the perturbation's radius grows from "
            + "0.03 to EPS: eps = 0.03 + (EPS - 0.03) * epoch / epochs (default 0.3)")
    Double perturbEpsilon;

    @Option(names = "--precision", paramLabel = "fp32|bf16", description = "the number type of the supernet's "
            + "convolutions and linear layers: fp32 (default) or bf16 (alpha, losses, optimizers and weights stay fp32; "
            + "fast only where the hardware has bf16 units: GPUs, CPUs with AVX512-BF16 or AMX)")
    String precision;

    @Option(names = "--tau-max", description = "gdas: the Gumbel-softmax temperature of the first epoch (default 10)")
    Double tauMax;

    @Option(names = "--tau-min", description = "gdas: the temperature of the last epoch (default 0.1); linear in between")
    Double tauMin;

    @Option(names = "--alpha-warmup", paramLabel = "EPOCHS", description = "epochs at the start without alpha steps "
            + "(default 0; pc-darts' paper preset 15)")
    Integer alphaWarmup;

    @Option(names = "--arch-lr", description = "alpha learning rate (Adam)")
    Double archLr;

    @Option(names = "--arch-weight-decay")
    Double archWeightDecay;

    @Option(names = "--device", description = "cpu (default), gpu or gpu:N")
    String device;

    @Option(names = "--track-hessian", description = "record the dominant eigenvalue of the validation-loss Hessian w.r.t. alpha each epoch")
    Boolean trackHessian;

    @Option(names = "--recompute", paramLabel = "CUTS", description = "auto (default: the cells up to the first "
            + "reduction in the DARTS spaces, each on its own; none in nb201), off, a number of layers N, or cut points N1,N2,...: the supernet's layers before "
            + "the last cut run again in the backward pass, part by part, instead of keeping their activations (less "
            + "memory, more time, the same results; never in s4)")
    String recompute;

    @Option(names = "--out", description = "run directory to create (default runs/search-TIME)")
    Path out;

    @Mixin
    RunFlags run = new RunFlags();

    @Option(names = "--on-nan", description = "stop (default) or skip-batch: what to do when a loss or gradient "
            + "is NaN or infinite")
    String onNan;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a stopped search from its newest "
            + "checkpoint, with the settings in RUN_DIR/config.json (allowed with it: --quiet, --checkpoint-every, "
            + "--keep-checkpoints, --on-nan, --device)")
    Path resume;

    /** Fields of options that are not search settings. */
    private static final List<String> RUN_FIELDS =
            List.of("preset", "out", "quiet", "checkpointEvery", "keepCheckpoints", "onNan", "resume");

    /** The settings these options select: the space's preset with each given option applied. */
    SearchConfig config() {
        SearchConfig base = SearchConfig.preset(preset);
        SearchSpace chosen = Spaces.byName(space != null ? space : base.space());
        String methodName = method != null ? method : base.methodName();
        return SearchConfig.preset(preset, chosen, methodName)
                .with(network.settings(Overrides.of(spec, RUN_FIELDS), chosen.training(), chosen.name()));
    }

    @Override
    public Integer call() {
        if (stop == StopRequest.NEVER) {
            stop = StopSignal.install(); // before the data and the engine load: a signal then is not lost
        }
        if (resume != null) {
            return SearchResume.run(this, resume);
        }
        SearchConfig config = config();
        RunOptions options = runOptions(RunOptions.DEFAULTS);
        SearchSpace searchSpace = Spaces.byName(config.space());
        Devices.parse(config.device()); // an unusable device or number type fails before any data is read
        Bf16Support.check(config.precision());
        Dataset data = loadData(config);
        RunDirectory dir = NewRun.directory(out, "search");
        Map<String, Object> recorded = NewRun.recorded(spec, "search");
        recorded.put("config", config);
        recorded.put("data", DataFlags.source(config.dataset(), config.dataDir()));
        recorded.put("options", options);
        dir.writeJson(RunDirectory.CONFIG, recorded);
        if (data.split() != null) {
            dir.writeJson("data-split.json", data.split());
        }

        System.err.printf("search: %s space, %s from %s (%d training images: %.0f%% weights / rest alpha), "
                        + "%d epochs, method %s, regularizer %s, %s order, run directory %s%n",
                searchSpace.name(), data.name(), DataFlags.source(config.dataset(), config.dataDir()),
                data.train().size(), config.trainPortion() * 100,
                config.epochs(), config.methodName(), config.regularizer(), config.order(), dir.root());
        return search(config, data, searchSpace, dir, options, search -> { });
    }

    /** SIGUSR1, or a first SIGINT or SIGTERM, received by this process (see {@link StopSignal}). */
    private StopRequest stop = StopRequest.NEVER;

    /** This search stops on {@code request} (an experiment's, for all its searches) instead of its own. */
    SearchCommand stoppedBy(StopRequest request) {
        stop = request;
        return this;
    }

    /**
     * Builds the search, lets {@code prepare} set it up, runs it and prints the cell it found; on
     * SIGUSR1 (or a first SIGINT or SIGTERM) it stops after a checkpoint and returns {@link StopSignal#EXIT_STOPPED}.
     */
    int search(SearchConfig config, Dataset data, SearchSpace searchSpace, RunDirectory dir, RunOptions options,
               Consumer<Search> prepare) {
        Genotype genotype;
        try (Search search = new Search(config, data, searchSpace, Devices.parse(config.device()));
             ProgressDisplay progress = new ProgressDisplay(run.quiet, config.epochs())) {
            prepare.accept(search);
            genotype = search.run(dir, progress, options, stop);
        } catch (StoppedOnRequest stopped) {
            return StopSignal.stopped("search", stopped, dir.root());
        }
        System.out.println("found cell: " + genotype.text());
        Genotype found = genotype;
        searchSpace.benchmark().ifPresent(b -> System.out.println(b.format(found)));
        System.out.println("run directory: " + dir.root());
        return 0;
    }

    /** The run options given on the command line, the others from {@code base}. */
    RunOptions runOptions(RunOptions base) {
        return run.over(base, onNan != null ? OnNan.parse(onNan) : base.onNan());
    }

    /** The images of a search: its dataset, limited to its first {@code maxTrain} training images. */
    static Dataset loadData(SearchConfig config) {
        Dataset data = DataFlags.load(config.dataset(), config.dataDir(), config.imageSize());
        return config.maxTrain() > 0 ? data.limit(config.maxTrain(), data.test().size()) : data;
    }
}
