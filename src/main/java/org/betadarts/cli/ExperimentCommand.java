package org.betadarts.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.Summary;
import org.betadarts.experiment.slurm.SlurmSettings;
import org.betadarts.io.UserError;
import org.betadarts.nn.Devices;
import org.betadarts.search.SearchConfig;
import org.betadarts.search.StopRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code betadarts experiment}: a grid of searches, regularizers × seeds × other axes, each run by the
 * search command with the options given here (here, in child processes, or as a Slurm job array), then
 * a summary table.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares regularizers and other search settings over seeds: one search per combination of the "
                + "grid's values, as run directories DIR/ENTRY[-NAMEVALUE...]-seedN, then DIR/summary.csv and "
                + "DIR/summary.md (a row per combination, over the seeds). Finished runs are kept.",
            "Every option of 'betadarts search' (except --regularizer, --lambda, --perturb-alpha, --seed and --out) "
                + "applies to every run, e.g. --epochs 4 --max-train 2000.",
            "With --launcher slurm the searches run as one Slurm job array (DIR/slurm/array.sbatch); the same command "
                + "again collects the finished runs, writes the summary once all have finished and submits only "
                + "what is missing; --status DIR shows where each run stands."})
public final class ExperimentCommand implements Callable<Integer> {
    /** Search options that the grid sets per run. */
    private static final Map<String, String> PER_RUN = Map.of("--regularizer", "--regularizers",
            "--lambda", "--regularizers NAME=WEIGHT", "--perturb-alpha", "--regularizers NAME+random or "
                    + "NAME+adversarial", "--seed", "--seeds", "--out", "--out of the experiment");

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,...",
            description = "an axis of the grid (repeatable): a search option's long name without dashes and its values, "
                    + "e.g. --grid epochs=2,4 --grid max-train=2000,4000; regularizer=... and seed=... are "
                    + "--regularizers and --seeds")
    List<String> grid = new ArrayList<>();

    @Option(names = "--regularizers", split = ",", paramLabel = "NAME[=WEIGHT][+PERTURBATION]",
            description = "settings to compare: regularizers, each with an optional weight schedule (e.g. l2=0.5, "
                    + "darts-minus=linear:1:0) and an optional SDARTS perturbation of the weight steps, +random or "
                    + "+adversarial (none without one, in every space); sdarts-rs is none+random, sdarts-adv "
                    + "none+adversarial (e.g. none,beta-decay,sdarts-rs,sdarts-adv,beta-decay+random); "
                    + "default: none,beta-decay")
    List<String> regularizers;

    @Option(names = "--seeds", split = ",", paramLabel = "N", description = "seeds of every regularizer (default 0,1,2)")
    List<Long> seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "experiment directory")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "searches at once (default 1); more than one run "
            + "as child processes ('betadarts search', output in DIR/logs/RUN.log), each with max(1, cores / N) "
            + "threads; with --device gpu, the runs take the GPUs in turn (run i: gpu:i mod GPUs)")
    int parallel = 1;

    @Option(names = "--launcher", paramLabel = "local|slurm", description = "where the searches run: local (default: "
            + "here, see --parallel) or slurm (one job array, each search an array task; run the same command again "
            + "to collect the finished runs and submit the missing ones)")
    String launcher = "local";

    @CommandLine.Mixin
    SlurmOptions slurm = new SlurmOptions();

    @Option(names = "--status", paramLabel = "DIR", description = "show each run of the experiment in DIR as done, "
            + "running, queued, failed or not submitted (from its run directory and Slurm's queue), then end")
    Path status;

    @CommandLine.Unmatched
    List<String> searchOptions = new ArrayList<>();

    /** The grid's axes that are flags of the search (true: given, false: left out). */
    private final Set<String> flags = new HashSet<>();

    @Override
    public Integer call() {
        if (status != null) {
            return SlurmCommand.status(status);
        }
        if (out == null) {
            throw new UserError("an experiment needs --out DIR (or --status DIR)");
        }
        if (!List.of("local", "slurm").contains(launcher)) {
            throw new UserError("--launcher " + launcher + ": expected local or slurm");
        }
        boolean onSlurm = launcher.equals("slurm");
        if (!onSlurm && slurm.given()) {
            throw new UserError("the --slurm-* options and --requeue need --launcher slurm");
        }
        if (onSlurm && parallel != 1) {
            throw new UserError("--parallel is for --launcher local; Slurm runs the tasks at once "
                    + "(--slurm-max-running N limits them)");
        }
        SlurmSettings slurmSettings = onSlurm ? slurm.settings() : null;
        for (String option : searchOptions) {
            String name = option.split("=", 2)[0];
            if (PER_RUN.containsKey(name)) {
                throw new UserError("an experiment sets " + name + " per run: use " + PER_RUN.get(name));
            }
        }
        List<Experiment.Axis> axes = axes();
        List<Experiment.Run> plan = Experiment.plan(regularizers, axes, seeds);
        if (parallel < 1) {
            throw new UserError("--parallel must be at least 1");
        }
        Map<Experiment.Run, List<String>> arguments = new LinkedHashMap<>();
        Map<Experiment.Run, SearchCommand> commands = new LinkedHashMap<>();
        Path root = onSlurm ? out.toAbsolutePath().normalize() : out;
        for (Experiment.Run run : plan) {
            arguments.put(run, searchArguments(run, root.resolve(run.dirName())));
            commands.put(run, searchCommand(arguments.get(run)));
        }
        SearchConfig first = commands.values().iterator().next().config();
        StringBuilder grid = new StringBuilder(String.join(",", regularizers));
        axes.forEach(a -> grid.append(" x ").append(a.name()).append(' ').append(String.join(",", a.values())));
        System.err.printf("experiment: %d runs (%s x seeds %s), %s space, %s, %d epochs, directory %s%n",
                plan.size(), grid, seeds, first.space(), first.dataset(), first.epochs(), out);
        if (onSlurm) {
            return SlurmCommand.launch(out, plan, withQuiet(arguments), slurmSettings, !slurm.noSubmit);
        }
        StopRequest stop = StopSignal.install();
        Experiment.Launcher launcher = (run, dir, resume) -> {
            SearchCommand command = resume ? searchCommand(resumeArguments(dir)) : commands.get(run);
            if (command.stoppedBy(stop).call() == StopSignal.EXIT_STOPPED) {
                throw new Experiment.Stopped();
            }
        };
        if (parallel > 1) {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
            System.err.printf("experiment: %d searches at once, each a process with %d thread(s), logs in %s%n",
                    parallel, threads, out.resolve(LOGS));
            ChildSearch child = new ChildSearch(threads, stop);
            for (int i = 0; i < plan.size(); i++) {
                Experiment.Run run = plan.get(i);
                String device = commands.get(run).config().device();
                if (device.equals("gpu")) {
                    Devices.parse(device); // no GPU: one line before any run starts
                    arguments.put(run, withDevice(arguments.get(run), "gpu:" + i % Devices.gpuCount()));
                }
            }
            Map<Experiment.Run, List<String>> quiet = withQuiet(arguments);
            launcher = (run, dir, resume) -> child.run(resume ? withQuiet(resumeArguments(dir)) : quiet.get(run),
                    out.resolve(LOGS).resolve(run.dirName() + ".log"));
        }
        Experiment.Outcome outcome = Experiment.run(out, plan, launcher, parallel, stop, System.err);
        System.out.print(Summary.markdown(outcome.rows()));
        if (outcome.stopped()) {
            System.err.println("experiment: stopped on request; the same command again continues it");
            return StopSignal.EXIT_STOPPED;
        }
        return outcome.failed().isEmpty() ? 0 : 1;
    }

    /** The search arguments that continue the run in {@code dir} from its newest checkpoint. */
    private List<String> resumeArguments(Path dir) {
        List<String> args = new ArrayList<>(List.of("--resume", dir.toString()));
        if (searchOptions.contains("--quiet")) {
            args.add("--quiet");
        }
        return args;
    }

    /** The folder of the experiment directory that holds the output of searches run as child processes. */
    static final String LOGS = "logs";

    /** The runs' search arguments with --quiet (no progress bar in a log file). */
    private Map<Experiment.Run, List<String>> withQuiet(Map<Experiment.Run, List<String>> arguments) {
        Map<Experiment.Run, List<String>> quiet = new LinkedHashMap<>();
        arguments.forEach((run, args) -> quiet.put(run, withQuiet(args)));
        return quiet;
    }

    private static List<String> withQuiet(List<String> args) {
        List<String> all = new ArrayList<>(args);
        if (!all.contains("--quiet")) {
            all.add("--quiet");
        }
        return all;
    }

    /**
     * The arguments with {@code --device} set to {@code device} (parallel searches on a GPU machine
     * take the GPUs in turn).
     */
    static List<String> withDevice(List<String> args, String device) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--device")) {
                i++;
            } else if (!args.get(i).startsWith("--device=")) {
                out.add(args.get(i));
            }
        }
        out.addAll(List.of("--device", device));
        return out;
    }

    /**
     * The grid's axes other than regularizer and seed, in the order given; sets {@link #regularizers}
     * and {@link #seeds} from theirs or their defaults.
     *
     * @throws UserError for an unknown option name, an axis given twice, one that the experiment sets
     *     itself, or one also given as a plain search option
     */
    private List<Experiment.Axis> axes() {
        CommandLine.Model.CommandSpec search = new CommandLine(new SearchCommand()).getCommandSpec();
        Map<String, Experiment.Axis> axes = new LinkedHashMap<>();
        if (regularizers != null) {
            axes.put("regularizer", new Experiment.Axis("regularizer", regularizers));
        }
        if (seeds != null) {
            axes.put("seed", new Experiment.Axis("seed", seeds.stream().map(String::valueOf).toList()));
        }
        for (String spec : grid) {
            Experiment.Axis axis = Experiment.Axis.parse(spec);
            String option = "--" + axis.name();
            CommandLine.Model.OptionSpec known = search.findOption(option);
            if (known == null || !known.longestName().equals(option) || option.equals("--help")
                    || option.equals("--version")) {
                throw new UserError("--grid " + spec + ": '" + axis.name() + "' is not an option of betadarts search");
            }
            if (PER_RUN.containsKey(option) && !option.equals("--regularizer") && !option.equals("--seed")
                    || option.equals("--resume") || option.equals("--quiet")) {
                throw new UserError("--grid " + spec + ": an experiment sets " + option + " per run"
                        + (PER_RUN.containsKey(option) ? ": use " + PER_RUN.get(option) : ""));
            }
            if (known.arity().max() == 0 && !List.of("true", "false").containsAll(axis.values())) {
                throw new UserError("--grid " + spec + ": " + option + " takes the values true and false");
            }
            if (searchOptions.stream().anyMatch(o -> o.equals(option) || o.startsWith(option + "="))) {
                throw new UserError("--grid " + spec + ": " + option + " is also given as an option");
            }
            String name = axis.name();
            if (known.arity().max() == 0) {
                flags.add(name);
            }
            if (axes.containsKey(name)) {
                throw new UserError("--grid " + spec + ": the grid has the axis " + name + " twice (--regularizers "
                        + "and --seeds are --grid regularizer=... and --grid seed=...)");
            }
            axes.put(name, axis);
        }
        Experiment.Axis reg = axes.remove("regularizer");
        regularizers = reg != null ? reg.values() : List.of("none", "beta-decay");
        Experiment.Axis seed = axes.remove("seed");
        seeds = seed != null ? seed.values().stream().map(v -> seedValue(v)).toList() : List.of(0L, 1L, 2L);
        return List.copyOf(axes.values());
    }

    private static long seedValue(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UserError("--grid seed: '" + value + "' is not a whole number");
        }
    }

    /** The arguments of the search command of one run. */
    private List<String> searchArguments(Experiment.Run run, Path dir) {
        List<String> args = new ArrayList<>(searchOptions);
        args.addAll(List.of("--regularizer", run.regularizer(), "--perturb-alpha", run.perturbation(),
                "--seed", Long.toString(run.seed()), "--out", dir.toString()));
        if (run.weight() != null) {
            args.addAll(List.of("--lambda", run.weight()));
        }
        run.settings().forEach((name, value) -> {
            if (!flags.contains(name)) {
                args.addAll(List.of("--" + name, value));
            } else if (value.equals("true")) {
                args.add("--" + name);
            }
        });
        return args;
    }

    /** The search command of one run, parsed and with its settings checked. */
    private static SearchCommand searchCommand(List<String> args) {
        SearchCommand command = new SearchCommand();
        try {
            new CommandLine(command).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage(), e);
        }
        command.config();
        return command;
    }
}
