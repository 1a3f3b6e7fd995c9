package org.betadarts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.Summary;
import org.betadarts.experiment.slurm.BatchScript;
import org.betadarts.experiment.slurm.GridStatus;
import org.betadarts.experiment.slurm.SlurmCommands;
import org.betadarts.experiment.slurm.SlurmExperiment;
import org.betadarts.experiment.slurm.SlurmSettings;

/** {@code experiment --launcher slurm} and {@code experiment --status}: what they print. */
final class SlurmCommand {
    private SlurmCommand() {}

    /** Collects, submits what is missing, prints the summary once every run has finished; exit code 0. */
    static int launch(Path out, List<Experiment.Run> plan, Map<Experiment.Run, List<String>> arguments,
            SlurmSettings settings, boolean submit) {
        BatchScript.Program program = new BatchScript.Program(JavaCommand.java(), System.getProperty("java.class.path"),
                Main.class.getName());
        SlurmExperiment.Outcome outcome = SlurmExperiment.launch(out, plan, arguments, settings, program,
                new SlurmCommands(), submit, System.err);
        if (outcome.rows() != null) {
            System.out.print(Summary.markdown(outcome.rows()));
        }
        return 0;
    }

    /** Prints the state of every run of the experiment in {@code dir}; exit code 0. */
    static int status(Path dir) {
        List<GridStatus.Cell> cells = SlurmExperiment.status(dir, new SlurmCommands(), System.err);
        System.out.print(GridStatus.table(cells));
        System.out.println(cells.size() + " runs: " + GridStatus.counts(cells));
        return 0;
    }
}
