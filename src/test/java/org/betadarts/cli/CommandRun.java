package org.betadarts.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The exit code and printed text of one command line, run in this JVM or in a new one. */
record CommandRun(int code, String out, String err) {
    /** Runs in this JVM, capturing standard output and error. */
    static CommandRun here(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * A new JVM running the command line on this test class path, as a user's process would. It
     * uses one intra-op thread, so that it runs fast on a busy machine and every such process
     * computes with the same thread count. Output and error go to {@code log}.
     */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("THP_MEM_ALLOC_ENABLE", "1"); // as the launcher sets it
        return builder.start();
    }

    /** Runs in a new JVM (see {@link #start}) to the end; {@code err} holds all it printed. */
    static CommandRun child(Path log, String... args) throws IOException, InterruptedException {
        Process p = start(log, args);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no end after 300 s: " + String.join(" ", args));
        }
        return new CommandRun(p.exitValue(), "", Files.readString(log));
    }

    /** The one line of a user error, without the program name. */
    String message() {
        String e = err.strip();
        if (e.lines().count() != 1 || !e.startsWith("betadarts: ")) {
            throw new AssertionError("not one 'betadarts: ' line: " + e);
        }
        return e.substring("betadarts: ".length());
    }
}
