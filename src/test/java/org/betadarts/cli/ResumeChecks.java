package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.betadarts.data.TestFiles;
import org.betadarts.io.Json;

/** What the kill-and-resume tests of search and train share. */
final class ResumeChecks {
    private ResumeChecks() {}

    /** MNIST-format files of {@code n} synthetic training images (labels 0..9 in turn) and 20 test images. */
    static Path syntheticData(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        int[] labels = new int[n];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        TestFiles.writeMnist(dir, "train", labels, true);
        TestFiles.writeMnist(dir, "t10k", Arrays.copyOf(labels, 20), true);
        return dir;
    }

    /** Every line of a run's metrics.jsonl without its seconds, as "metrics line N". */
    static void putMetrics(Path run, Map<String, String> out) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode line = (ObjectNode) Json.MAPPER.readTree(lines.get(i));
            assertTrue(line.remove("seconds").isNumber());
            out.put("metrics line " + (i + 1), Json.line(line));
        }
    }

    /** The results of a search: α after each epoch, the final α, the cell, every metric line but its seconds. */
    static Map<String, String> searchResults(Path run) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("alpha.json", "genotype.json", "genotype.txt")) {
            out.put(name, Files.readString(run.resolve(name)));
        }
        try (Stream<Path> s = Files.list(run.resolve("alpha"))) {
            for (Path p : s.sorted().toList()) {
                out.put("alpha/" + p.getFileName(), Files.readString(p));
            }
        }
        putMetrics(run, out);
        return out;
    }

    /** Waits until {@code mark} exists, then kills the process with SIGKILL. */
    static void killOnceWritten(Process p, Path mark, Path log) throws Exception {
        untilWritten(p, mark, log);
        p.destroyForcibly();
        assertEquals(137, p.waitFor(), "killed by SIGKILL");
    }

    /** Waits until {@code mark} exists; fails if the process ends before. */
    static void untilWritten(Process p, Path mark, Path log) throws InterruptedException {
        while (!Files.exists(mark)) {
            assertTrue(p.isAlive(), () -> "ended before " + mark + ": " + read(log));
            Thread.sleep(2);
        }
    }

    /** Sends the signal {@code name} (INT, TERM, USR1) to the process. */
    static void signal(Process p, String name) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor());
    }

    /**
     * Waits for the first checkpoint of the run in {@code run} (written after the signal handlers are
     * set), sends the signal {@code name}, and checks that the process stops with exit code 75.
     */
    static void stopOnSignal(Process p, Path run, Path log, String name) throws Exception {
        untilWritten(p, run.resolve("checkpoints/epoch-0000-step-000000.ckpt"), log);
        signal(p, name);
        assertEquals(StopSignal.EXIT_STOPPED, p.waitFor(), () -> read(log));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** {@code COMMAND --resume RUN EXTRA...} fails with {@code message} (after "betadarts: ") and changes no file. */
    static void assertRefused(String command, Path run, String message, String... extra) throws IOException {
        Map<String, String> before = FileTree.snapshot(run);
        List<String> args = new ArrayList<>(List.of(command, "--resume", run.toString()));
        args.addAll(List.of(extra));
        CommandRun r = CommandRun.here(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(message, r.message());
        assertEquals(before, FileTree.snapshot(run), "nothing changed");
    }
}
