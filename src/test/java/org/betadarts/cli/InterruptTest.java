package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C and a scheduler's cancel: a first SIGINT or SIGTERM stops a search with a checkpoint, a
 * second one (or one outside a search) ends the process at once with 128 + the signal's number,
 * never with the JVM's fatal-error report (which its own exit gave while the engine was computing).
 */
class InterruptTest {
    @TempDir
    static Path shared;
    private static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void images() throws Exception {
        data = ResumeChecks.syntheticData(shared.resolve("data"), 192);
    }

    private static String[] search(Path run, String epochs) {
        return new String[] {"search", "--data-dir", data.toString(), "--epochs", epochs, "--batch-size", "16",
            "-C", "2", "-N", "1", "--seed", "3", "--quiet", "--out", run.toString()};
    }

    private static String text(Path log) {
        return ResumeChecks.read(log);
    }

    private static int exitCode(Process p, Path log) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), () -> "still running: " + text(log));
        String printed = Files.readString(log);
        assertFalse(printed.contains("fatal error"), printed);
        return p.exitValue();
    }

    @Test
    void aFirstSigtermStopsTheSearchWithACheckpointThatResumes() throws Exception {
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("run.log");
        ResumeChecks.stopOnSignal(CommandRun.start(log, search(run, "3")), run, log, "TERM");
        String printed = Files.readString(log);
        assertFalse(printed.contains("fatal error"), printed);
        assertTrue(printed.contains("betadarts: SIGTERM: stopping after the step under way, with a checkpoint"), printed);
        assertTrue(printed.contains("search: SIGTERM: stopped on request with a checkpoint at epoch "), printed);
        assertFalse(Files.exists(run.resolve("genotype.json")));
        CommandRun resumed = CommandRun.child(tmp.resolve("resumed.log"), "search", "--resume", run.toString(),
                "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.exists(run.resolve("genotype.json")));
    }

    @Test
    void aSecondSigintEndsTheSearchAtOnce() throws Exception {
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("run.log");
        Process p = CommandRun.start(log, search(run, "1000"));
        ResumeChecks.untilWritten(p, run.resolve("checkpoints/epoch-0000-step-000000.ckpt"), log); // handlers set
        ResumeChecks.signal(p, "INT");
        while (!Files.readString(log).contains("SIGINT again stops at once")) {
            assertTrue(p.isAlive(), () -> "ended on the first SIGINT: " + text(log));
            Thread.sleep(2);
        }
        ResumeChecks.signal(p, "INT");
        assertEquals(130, exitCode(p, log), Files.readString(log));
        assertTrue(Files.readString(log).contains("betadarts: SIGINT: stopped"));
    }

    /**
     * A first SIGINT to an experiment stops the search under way with a checkpoint (in its own
     * process, or in a child that the experiment passes the request on to) and starts no other; the
     * same command again continues that run from its checkpoint and runs the rest.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aFirstSigintStopsAnExperimentThatTheSameCommandContinues(int parallel) throws Exception {
        Path dir = tmp.resolve("exp");
        String[] args = {"experiment", "--regularizers", "none", "--seeds", "0,1", "--parallel",
            Integer.toString(parallel), "--out", dir.toString(), "--data-dir", data.toString(), "--epochs", "3",
            "--batch-size", "16", "-C", "2", "-N", "1", "--quiet"};
        Path log = tmp.resolve("exp.log");
        Process p = CommandRun.start(log, args);
        ResumeChecks.untilWritten(p, dir.resolve("none-seed0/checkpoints/epoch-0000-step-000000.ckpt"), log);
        ResumeChecks.signal(p, "INT");
        assertEquals(StopSignal.EXIT_STOPPED, exitCode(p, log), text(log));
        assertTrue(text(log).contains("none-seed0: stopped after "), text(log));
        assertTrue(text(log).contains("experiment: stopped on request; the same command again continues it"),
                text(log));
        assertFalse(Files.exists(dir.resolve("none-seed0/genotype.json")));

        CommandRun again = CommandRun.child(tmp.resolve("again.log"), args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("none-seed0: unfinished, continuing from its newest checkpoint"), again.err());
        assertTrue(Files.exists(dir.resolve("none-seed0/genotype.json")));
        assertTrue(Files.exists(dir.resolve("none-seed1/genotype.json")));
    }

    /**
     * The paper-size NAS-Bench-201 step on two threads: the JVM's own exit while it computed ended
     * about every second such process with a fatal error (exit code 134) instead of 143.
     */
    @Test
    void aSigtermOutsideASearchEndsTheProcessAtOnceWhileTheEngineComputes() throws Exception {
        Path log = tmp.resolve("bench.log");
        Process p = CommandRun.start(log, "bench", "--space", "nb201", "--steps", "20", "--warmup", "0",
                "--threads", "2");
        Thread.sleep(10_000); // the engine loaded, steps under way
        assertTrue(p.isAlive(), () -> text(log));
        ResumeChecks.signal(p, "TERM");
        assertEquals(143, exitCode(p, log), text(log));
        assertTrue(text(log).contains("betadarts: SIGTERM: stopped"), text(log));
    }
}
