package org.betadarts.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.Summary;
import org.betadarts.io.UserError;
import org.betadarts.search.SearchConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code betadarts experiment}: a grid of searches, regularizers × seeds, each run by the search
 * command with the options given here, then a summary table.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares regularizers over seeds: one search per regularizer and seed, as run directories "
                + "DIR/ENTRY-seedN, then DIR/summary.csv and DIR/summary.md. Finished runs are kept.",
            "Every option of 'betadarts search' (except --regularizer, --lambda, --perturb-alpha, --seed and --out) "
                + "applies to every run, e.g. --epochs 4 --max-train 2000."})
public final class ExperimentCommand implements Callable<Integer> {
    /** Search options that the grid sets per run. */
    private static final Map<String, String> PER_RUN = Map.of("--regularizer", "--regularizers",
            "--lambda", "--regularizers NAME=WEIGHT", "--perturb-alpha", "--regularizers NAME+random or "
                    + "NAME+adversarial", "--seed", "--seeds", "--out", "--out of the experiment");

    @Option(names = "--regularizers", split = ",", paramLabel = "NAME[=WEIGHT][+PERTURBATION]",
            description = "settings to compare: regularizers, each with an optional weight schedule (e.g. l2=0.5, "
                    + "darts-minus=linear:1:0) and an optional SDARTS perturbation of the weight steps, +random or "
                    + "+adversarial (none without one, in every space); sdarts-rs is none+random, sdarts-adv "
                    + "none+adversarial (e.g. none,beta-decay,sdarts-rs,sdarts-adv,beta-decay+random); "
                    + "default: none,beta-decay")
    List<String> regularizers = List.of("none", "beta-decay");

    @Option(names = "--seeds", split = ",", paramLabel = "N", description = "seeds of every regularizer (default 0,1,2)")
    List<Long> seeds = List.of(0L, 1L, 2L);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "experiment directory")
    Path out;

    @CommandLine.Unmatched
    List<String> searchOptions = new ArrayList<>();

    @Override
    public Integer call() {
        for (String option : searchOptions) {
            String name = option.split("=", 2)[0];
            if (PER_RUN.containsKey(name)) {
                throw new UserError("an experiment sets " + name + " per run: use " + PER_RUN.get(name));
            }
        }
        List<Experiment.Run> plan = Experiment.plan(regularizers, seeds);
        Map<Experiment.Run, SearchCommand> commands = new LinkedHashMap<>();
        for (Experiment.Run run : plan) {
            commands.put(run, searchCommand(run, out.resolve(run.dirName())));
        }
        SearchConfig first = commands.values().iterator().next().config();
        System.err.printf("experiment: %d runs (%s x seeds %s), %s space, %s, %d epochs, directory %s%n",
                plan.size(), String.join(",", regularizers), seeds, first.space(), first.dataset(), first.epochs(), out);
        List<Summary.Row> rows = Experiment.run(out, plan, (run, dir) -> commands.get(run).call(), System.err);
        System.out.print(Summary.markdown(rows));
        return 0;
    }

    /** The search command of one run, parsed and with its settings checked. */
    private SearchCommand searchCommand(Experiment.Run run, Path dir) {
        List<String> args = new ArrayList<>(searchOptions);
        args.addAll(List.of("--regularizer", run.regularizer(), "--perturb-alpha", run.perturbation(),
                "--seed", Long.toString(run.seed()), "--out", dir.toString()));
        if (run.weight() != null) {
            args.addAll(List.of("--lambda", run.weight()));
        }
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
