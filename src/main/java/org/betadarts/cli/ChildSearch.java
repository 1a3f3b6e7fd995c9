package org.betadarts.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.betadarts.io.UserError;

/**
 * {@code betadarts search ARGS} in a child process: the same java command, JVM options and class
 * path as this process, with {@code threads} intra-op threads (OMP_NUM_THREADS; the engine's thread
 * count belongs to a process, so parallel searches each get their own). Its output goes to a log
 * file, not to this console.
 */
final class ChildSearch {
    private final int threads;

    ChildSearch(int threads) {
        this.threads = threads;
    }

    /**
     * Runs the search to its end.
     *
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
                code = process.waitFor();
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        } catch (IOException e) {
            throw new UserError("cannot start a search process: " + e.getMessage(), e);
        }
        if (code != 0) {
            throw new UserError("exit code " + code + ": " + lastError(log) + " (log " + log + ")");
        }
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
