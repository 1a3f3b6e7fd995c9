package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.Summary;
import org.betadarts.experiment.slurm.Submissions;
import org.betadarts.io.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiment --launcher slurm} on a real Slurm cluster (scripts/slurm/start.sh; .ci/run starts
 * one and then requires this test to run): a grid of four tiny searches as one job array; one task is
 * requeued by {@code scontrol requeue} mid-run (SIGTERM: it resumes from its last step checkpoint), one
 * gets SIGUSR1 as before a time limit (it checkpoints, exits 75 and requeues itself). Every run
 * finishes, the two interrupted ones resumed from a checkpoint of their own and end exactly as
 * uninterrupted runs, and the command run again writes the summary.
 */
class SlurmClusterTest {
    /** Three epochs of seven steps on 200 bundled images, a checkpoint every two steps: seconds per search. */
    private static final List<String> SEARCH = List.of("--epochs", "3", "-C", "4", "-N", "1", "--max-train", "200",
            "--batch-size", "16", "--checkpoint-every", "2");

    @TempDir
    Path tmp;

    @Test
    void aGridRunsAsAJobArrayAndRequeuedTasksResumeToTheUninterruptedResults() throws Exception {
        boolean required = "required".equals(System.getenv("BETADARTS_SLURM_TEST"));
        String problem = clusterProblem();
        if (required) {
            assertEquals("", problem, "BETADARTS_SLURM_TEST=required but no Slurm cluster answers");
        }
        Assumptions.assumeTrue(problem.isEmpty(), "no Slurm cluster answers (" + problem + "); start one with "
                + "scripts/slurm/start.sh and export SLURM_CONF: the Slurm integration test is skipped");

        Path exp = tmp.resolve("grid");
        List<String> command = new ArrayList<>(List.of("experiment", "--launcher", "slurm", "--requeue",
                "--slurm-max-running", "2", "--grid",
                "regularizer=none,beta-decay", "--seeds", "0,1", "--out", exp.toString()));
        command.addAll(SEARCH);
        CommandRun submitted = CommandRun.here(command.toArray(String[]::new));
        assertEquals(0, submitted.code(), submitted.err());
        List<Submissions.Job> jobs = Submissions.read(exp);
        assertEquals(1, jobs.size(), submitted.err());
        String job = jobs.get(0).id();
        assertTrue(submitted.err().contains("submitted job " + job + ": 4 array tasks (0-3)"), submitted.err());
        assertTrue(Files.readString(exp.resolve("slurm/array.sbatch")).contains("\n#SBATCH --array=0-3%2\n"));
        // the uninterrupted runs, one at a time beside the tasks
        ExecutorService references = Executors.newSingleThreadExecutor();
        Future<Path> wholeSeed0 = references.submit(() -> uninterrupted("none", 0));
        Future<Path> wholeSeed1 = references.submit(() -> uninterrupted("none", 1));
        references.shutdown();
        try {
            List<String> runs = Experiment.recordedRuns(exp);
            assertEquals(List.of("none-seed0", "none-seed1", "beta-decay-seed0", "beta-decay-seed1"), runs);
            Path requeued = exp.resolve(runs.get(0));
            Path signalled = exp.resolve(runs.get(1));
            awaitFirstEpoch(requeued); // two epochs left
            run("scontrol", "requeue", job + "_0");
            awaitFirstEpoch(signalled);
            // scancel may answer "Job can not be altered now" for a signal that it did deliver, and send it
            // again seconds later (Slurm 22.05): it is ended once the search has stopped
            Process signal = new ProcessBuilder("scancel", "--signal=USR1", "--batch", job + "_1")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("scancel.log").toFile()).start();
            Path taskLog = exp.resolve("slurm/logs/" + job + "_1.out");
            long end = System.nanoTime() + 60_000_000_000L;
            while (!Files.readString(taskLog).contains("search exited with code 75")) {
                assertTrue(System.nanoTime() < end, () -> "no stop on SIGUSR1 within 60 s: " + squeue());
                Thread.sleep(20);
            }
            signal.destroy();
            assertTrue(signal.waitFor(10, TimeUnit.SECONDS));
            for (String r : runs) {
                await(exp.resolve(r).resolve("genotype.json"), 240);
            }

            CommandRun status = CommandRun.here("experiment", "--status", exp.toString());
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("4 runs: 4 done"), status.out());

            String log = Files.readString(exp.resolve("slurm/logs/" + job + "_1.out"));
            assertResumedFromItsOwnCheckpoint(requeued, Files.readString(exp.resolve("slurm/logs/" + job + "_0.out")));
            assertResumedFromItsOwnCheckpoint(signalled, log);
            assertTrue(log.contains("search exited with code 75") && log.contains("requeued, it resumes")
                    && log.contains("restart 1"), log);
            assertTrue(Files.readString(exp.resolve("slurm/logs/" + job + "_0.out")).contains("restart 1"));
            for (int i = 2; i < 4; i++) {
                assertFalse(Files.exists(exp.resolve(runs.get(i)).resolve("resumes.jsonl")), runs.get(i));
            }
            assertSameResults(wholeSeed0.get(), requeued);
            assertSameResults(wholeSeed1.get(), signalled);

            CommandRun collected = CommandRun.here(command.toArray(String[]::new));
            assertEquals(0, collected.code(), collected.err());
            assertTrue(collected.err().contains("every run has finished"), collected.err());
            assertEquals(1, Submissions.read(exp).size(), "nothing submitted again");
            assertTrue(Files.readString(exp.resolve(Summary.CSV)).contains("\nbeta-decay,2,"));
        } finally {
            references.shutdownNow();
            new ProcessBuilder("scancel", job).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Empty when sinfo answers with an idle or busy node; what is wrong otherwise. */
    private static String clusterProblem() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%t").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "sinfo: " + out.lines().findFirst().orElse("no answer");
            }
            return out.lines().anyMatch(s -> s.matches("idle|mix|alloc")) ? "" : "no usable node: " + out;
        } catch (IOException | InterruptedException e) {
            return "sinfo cannot be run: " + e.getMessage();
        }
    }

    /** Waits until the run's first epoch has ended (its metrics line is written). */
    private static void awaitFirstEpoch(Path run) throws Exception {
        Path metrics = run.resolve("metrics.jsonl");
        await(metrics, 120);
        while (Files.readString(metrics).isBlank()) {
            Thread.sleep(20);
        }
    }

    private static void await(Path file, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < end, () -> "no " + file + " after " + seconds + " s; squeue: " + squeue());
            Thread.sleep(20);
        }
    }

    private static String squeue() {
        try {
            return run("squeue", "-t", "all", "-r");
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** The run resumed once, from a checkpoint after its start (its resume record names it). */
    private static void assertResumedFromItsOwnCheckpoint(Path run, String log) throws IOException {
        List<String> resumes = Files.readAllLines(run.resolve("resumes.jsonl"));
        assertEquals(1, resumes.size(), run + ": " + log);
        JsonNode resume = Json.MAPPER.readTree(resumes.get(0));
        String checkpoint = resume.path("checkpoint").asText();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("epoch-(\\d{4})-step-\\d{6}\\.ckpt").matcher(checkpoint);
        assertTrue(m.matches() && Integer.parseInt(m.group(1)) >= 1, "resumed from " + checkpoint);
        assertTrue(resume.path("arguments").toString().contains("--resume"), resume.toString());
    }

    /** The same search, run to its end in one process with one thread as the tasks have. */
    private Path uninterrupted(String regularizer, long seed) throws Exception {
        Path out = tmp.resolve("whole-" + regularizer + "-" + seed);
        List<String> args = new ArrayList<>(List.of("search", "--regularizer", regularizer, "--perturb-alpha", "none",
                "--seed", Long.toString(seed), "--quiet", "--out", out.toString()));
        args.addAll(SEARCH);
        CommandRun r = CommandRun.child(tmp.resolve(out.getFileName() + ".log"), args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return out;
    }

    /** α after each epoch, the final α, the cell and every metric but seconds agree bit for bit. */
    private static void assertSameResults(Path expected, Path actual) throws IOException {
        assertEquals(ResumeChecks.searchResults(expected), ResumeChecks.searchResults(actual), actual.toString());
    }
}
