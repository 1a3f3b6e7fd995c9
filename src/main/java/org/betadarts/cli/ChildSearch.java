package org.betadarts.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.betadarts.experiment.Experiment;
import org.betadarts.io.UserError;
import org.betadarts.search.StopRequest;

/**
 * {@code betadarts search ARGS} in a child process: the same java command, JVM options and class
 * path as this process, with {@code threads} intra-op threads (OMP_NUM_THREADS; the engine's thread
 * count belongs to a process, so parallel searches each get their own). Its output goes to a log
 * file, not to this console.
 */
final class ChildSearch {
    private final int threads;
    private final StopRequest stop;

    /** Searches with {@code threads} threads each, asked to stop (SIGUSR1) once {@code stop} is requested. */
    ChildSearch(int threads, StopRequest stop) {
        this.threads = threads;
        this.stop = stop;
    }

    /**
     * Runs the search to its end.
     *
     * @throws Experiment.Stopped when it stopped on request with a checkpoint
     * @throws UserError when it exits with an error: its exit code and its last error line
     */
    void run(List<String> args, Path log) {
        List<String> command = JavaCommand.java();
        command.add("-Dai.djl.pytorch.num_threads=" + threads);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "search"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        builder.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
        int code;
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            try {
                boolean asked = false;
                while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                    if (stop.requested() && !asked) {
                        asked = true;
                        askToStop(process);
                    }
                }
                code = process.exitValue();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        } catch (IOException e) {
            throw new UserError("cannot start a search process: " + e.getMessage(), e);
        }
        if (code == StopSignal.EXIT_STOPPED) {
            throw new Experiment.Stopped();
        }
        if (code != 0) {
            throw new UserError("exit code " + code + ": " + lastError(log) + " (log " + log + ")");
        }
    }

    /**
     * SIGUSR1 to the search: a stop with a checkpoint, also when it got the same Ctrl-C as this
     * process (a second SIGINT would end it at once); SIGTERM where there is no kill command.
     */
    private static void askToStop(Process process) {
        try {
            if (new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).start().waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill command here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }

    /** The last line of the log that starts with "betadarts:", else its last non-blank line. */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return lines.stream().filter(l -> l.startsWith("betadarts:")).reduce((a, b) -> b)
                    .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)).strip();
        } catch (IOException e) {
            return "no log: " + e.getMessage();
        }
    }
}
