package org.betadarts.experiment.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.experiment.Experiment;
import org.betadarts.experiment.RunFixtures;
import org.betadarts.experiment.Summary;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collecting and resubmitting against a fake Slurm: what is submitted, recorded and summarized. */
class SlurmExperimentTest {
    static final String CELL = "|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|";

    @TempDir
    Path tmp;

    /** Submits with increasing job ids from 100, keeping each script's text; answers squeue with {@link #queue}. */
    static final class FakeSlurm implements SlurmExperiment.Commands {
        final List<String> scripts = new ArrayList<>();
        String queue = "";
        int queries;

        @Override
        public String submit(Path script) {
            try {
                scripts.add(Files.readString(script));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Integer.toString(99 + scripts.size());
        }

        @Override
        public String queue() {
            queries++;
            if (queue == null) {
                throw new UserError("squeue cannot be run (No such file or directory): Slurm's commands are needed "
                        + "on this machine");
            }
            return queue;
        }

        String array(int submission) {
            return scripts.get(submission).lines().filter(l -> l.startsWith("#SBATCH --array=")).findFirst()
                    .orElseThrow().substring("#SBATCH --array=".length());
        }
    }

    private final List<Experiment.Run> plan = Experiment.plan(List.of("none", "beta-decay"), List.of(0L, 1L));
    private final FakeSlurm slurm = new FakeSlurm();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private SlurmExperiment.Outcome launch(Path exp) {
        Map<Experiment.Run, List<String>> args = new LinkedHashMap<>();
        plan.forEach(r -> args.put(r, List.of("--seed", Long.toString(r.seed()), "--out", exp.resolve(r.dirName())
                .toString())));
        return SlurmExperiment.launch(exp, plan, args, SlurmSettings.defaults(), BatchScriptTest.PROGRAM, slurm, true,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private void finish(Path exp, int run) throws Exception {
        RunFixtures.nb201Run(exp.resolve(plan.get(run).dirName()), plan.get(run), CELL, 0.4, 0.5);
    }

    @Test
    void firstSubmitsEveryRunThenOnlyWhatIsNeitherDoneNorQueuedNorRunning() throws Exception {
        Path exp = tmp.resolve("exp");
        SlurmExperiment.Outcome first = launch(exp);
        assertEquals("100", first.job());
        assertEquals("0-3", slurm.array(0));
        assertEquals(0, slurm.queries, "nothing submitted before: no need to ask Slurm");
        assertEquals(slurm.scripts.get(0), Files.readString(exp.resolve("slurm/array.sbatch")));
        assertTrue(Files.isDirectory(exp.resolve("slurm/logs")), "Slurm writes the tasks' output there");
        assertEquals(List.of("none-seed0", "none-seed1", "beta-decay-seed0", "beta-decay-seed1"),
                Experiment.recordedRuns(exp));

        finish(exp, 0);
        slurm.queue = "100|1|RUNNING|None\n100|2|FAILED|NonZeroExitCode\n";  // task 3 is no longer known
        SlurmExperiment.Outcome second = launch(exp);
        assertEquals(List.of(GridStatus.State.DONE, GridStatus.State.RUNNING, GridStatus.State.FAILED,
                GridStatus.State.FAILED), second.cells().stream().map(GridStatus.Cell::state).toList());
        assertEquals("101", second.job());
        assertEquals("2-3", slurm.array(1), "the failed and the lost task, not the done and the running one");
        List<Submissions.Job> jobs = Submissions.read(exp);
        assertEquals(List.of("100", "101"), jobs.stream().map(Submissions.Job::id).toList());
        assertEquals(Map.of(2, "beta-decay-seed0", 3, "beta-decay-seed1"), jobs.get(1).tasks());
        assertEquals(Map.of("none-seed0", "100_0", "none-seed1", "100_1", "beta-decay-seed0", "101_2",
                "beta-decay-seed1", "101_3"), Submissions.latestTasks(jobs));

        slurm.queue = "100|1|RUNNING|None\n101|2|PENDING|Resources\n101|3|REQUEUED|None\n";
        SlurmExperiment.Outcome third = launch(exp);
        assertNull(third.job(), "everything unfinished is queued or running");
        assertEquals(2, slurm.scripts.size());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("nothing to submit"));
        assertFalse(Files.exists(exp.resolve(Summary.CSV)), "no summary before every run has finished");

        for (int i = 1; i < 4; i++) {
            finish(exp, i);
        }
        SlurmExperiment.Outcome last = launch(exp);
        assertNull(last.job());
        assertEquals(2, last.rows().size(), "a row per regularizer");
        assertTrue(Files.readString(exp.resolve(Summary.CSV)).contains("\nbeta-decay,2,"));
    }

    @Test
    void statusTellsEachRunsStateAndWithoutSlurmFallsBackToTheRunDirectories() throws Exception {
        Path exp = tmp.resolve("exp");
        launch(exp);
        finish(exp, 1);
        slurm.queue = "100|0|RUNNING|None\n100|2|PENDING|Priority\n100|3|TIMEOUT|None\n";
        List<GridStatus.Cell> cells = SlurmExperiment.status(exp, slurm, new PrintStream(log));
        assertEquals(List.of(GridStatus.State.RUNNING, GridStatus.State.DONE, GridStatus.State.QUEUED,
                GridStatus.State.FAILED), cells.stream().map(GridStatus.Cell::state).toList());
        assertEquals("100_2", cells.get(2).task());
        assertEquals("PENDING (Priority)", cells.get(2).detail());
        assertEquals("2/2 epochs", cells.get(1).detail(),
                "what the run directory says; Slurm no longer lists the task");
        assertEquals("1 done, 1 running, 1 queued, 1 failed", GridStatus.counts(cells));
        String table = GridStatus.table(cells);
        assertTrue(table.startsWith("run               state    slurm task  detail\n"), table);
        assertTrue(table.contains("\nbeta-decay-seed1  failed   100_3       TIMEOUT\n"), table);

        slurm.queue = null;
        List<GridStatus.Cell> offline = SlurmExperiment.status(exp, slurm, new PrintStream(log));
        assertEquals(List.of(GridStatus.State.UNKNOWN, GridStatus.State.DONE, GridStatus.State.UNKNOWN,
                GridStatus.State.UNKNOWN), offline.stream().map(GridStatus.Cell::state).toList());
        assertTrue(log.toString().contains("squeue cannot be run"), log.toString());
        assertThrows(UserError.class, () -> SlurmExperiment.status(tmp, slurm, new PrintStream(log)),
                "not an experiment");
    }

    @Test
    void aPathWithASpaceIsRefusedBeforeAnythingIsWritten() {
        Path exp = tmp.resolve("my exp");
        UserError e = assertThrows(UserError.class, () -> launch(exp));
        assertTrue(e.getMessage().contains("has a space in its path"), e.getMessage());
        assertFalse(Files.exists(exp));
    }
}
