package org.betadarts.experiment.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.betadarts.io.UserError;

/** Slurm's commands run as processes on this machine (sbatch, squeue), each within a minute. */
public final class SlurmCommands implements SlurmExperiment.Commands {
    @Override
    public String submit(Path script) {
        String out = run(List.of("sbatch", "--parsable", script.toString())).strip();
        String id = out.lines().reduce((a, b) -> b).orElse("").split(";")[0].strip();
        if (!id.matches("\\d+")) {
            throw new UserError("sbatch did not print a job id: " + out);
        }
        return id;
    }

    @Override
    public String queue() {
        return run(SlurmQueue.COMMAND);
    }

    /** The standard output of a command that succeeds; its error as a one-line {@link UserError} otherwise. */
    private static String run(List<String> command) {
        Process p;
        Path errors;
        try {
            errors = Files.createTempFile("betadarts-slurm", ".err");
            p = new ProcessBuilder(new ArrayList<>(command)).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw new UserError(command.get(0) + " cannot be run (" + e.getMessage() + "): Slurm's commands are "
                    + "needed on this machine", e);
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UserError(command.get(0) + " gave no answer within 60 s");
            }
            String err = Files.readString(errors, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new UserError(command.get(0) + " failed with exit code " + p.exitValue() + ": "
                        + err.lines().findFirst().orElse("no message"));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(command.get(0) + " was interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a leftover temporary file of a few bytes
            }
        }
    }
}
