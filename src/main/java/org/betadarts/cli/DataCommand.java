package org.betadarts.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code data}: commands that look at datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Look at datasets.",
        subcommands = {DataInspectCommand.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
