package org.betadarts.cli;

import org.betadarts.io.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code betadarts} command line. */
@Command(name = "betadarts", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Differentiable architecture search with Beta-Decay regularization.",
        subcommands = {SearchCommand.class, TrainCommand.class, PredictCommand.class, ExperimentCommand.class,
            ReportCommand.class, QueryCommand.class, DataCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        Interrupts.install();
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 2 for a user mistake, 1 otherwise. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable t = e;
            while (t != null && !(t instanceof UserError)) {
                t = t.getCause();
            }
            if (t != null) {
                commandLine.getErr().println("betadarts: " + t.getMessage());
                return 2;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine commandLine = e.getCommandLine();
            String name = commandLine.getCommandSpec().qualifiedName();
            commandLine.getErr().println("betadarts: " + e.getMessage() + " (see " + name + " --help)");
            return 2;
        });
        return cli.execute(args);
    }
}
