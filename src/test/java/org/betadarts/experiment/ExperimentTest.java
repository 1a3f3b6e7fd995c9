package org.betadarts.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;
import org.betadarts.search.StopRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<String> launched = Collections.synchronizedList(new ArrayList<>());

    /** A launcher that writes a finished fake run instead of searching. */
    private void launch(Experiment.Run run, Path dir, boolean resume) {
        assertEquals(resume, Files.exists(dir), "a run starts in a fresh directory or continues its own");
        launched.add((resume ? "resumed " : "") + dir.getFileName().toString());
        try {
            RunFixtures.nb201Run(dir, run, SummaryTest.CONV, 0.5);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Summary.Row> run(List<Experiment.Run> plan) {
        return Experiment.run(tmp, plan, this::launch, 1, StopRequest.NEVER, new PrintStream(log, true, StandardCharsets.UTF_8)).rows();
    }

    @Test
    void planIsEveryEntryWithEverySeed() {
        List<Experiment.Run> plan = Experiment.plan(List.of("none", "l2=linear:0:5"), List.of(3L, 4L));
        assertEquals(List.of("none-seed3", "none-seed4", "l2=linear_0_5-seed3", "l2=linear_0_5-seed4"),
                plan.stream().map(Experiment.Run::dirName).toList());
        assertEquals(new Experiment.Run("l2", "linear:0:5", 4), plan.get(3));
        assertEquals("l2=linear:0:5", plan.get(3).label());
        UserError twice = assertThrows(UserError.class, () -> Experiment.plan(List.of("none", "none"), List.of(0L)));
        assertTrue(twice.getMessage().contains("none-seed0"), twice.getMessage());
        assertThrows(UserError.class, () -> Experiment.plan(List.of(), List.of(0L)));
    }

    @Test
    void entriesMayCarryAPerturbation() {
        List<Experiment.Run> plan = Experiment.plan(List.of("none", "beta-decay", "sdarts-rs", "sdarts-adv",
                "beta-decay+random", " l2=0.5+adversarial", "l2=1e+2", "darts-minus=linear:1:0+random",
                "weight-decay+none"), List.of(0L));
        assertEquals(List.of(new Experiment.Run("none", null, "none", 0), new Experiment.Run("beta-decay", null, "none", 0),
                new Experiment.Run("none", null, "random", 0), new Experiment.Run("none", null, "adversarial", 0),
                new Experiment.Run("beta-decay", null, "random", 0), new Experiment.Run("l2", "0.5", "adversarial", 0),
                new Experiment.Run("l2", "1e+2", "none", 0), new Experiment.Run("darts-minus", "linear:1:0", "random", 0),
                new Experiment.Run("weight-decay", null, "none", 0)), plan);
        assertEquals(List.of("none", "beta-decay", "sdarts-rs", "sdarts-adv", "beta-decay+random",
                "l2=0.5+adversarial", "l2=1e+2", "darts-minus=linear:1:0+random", "weight-decay"),
                plan.stream().map(Experiment.Run::label).toList(), "labels name the entry");
        assertEquals(List.of("none-seed0", "beta-decay-seed0", "sdarts-rs-seed0", "sdarts-adv-seed0",
                "beta-decay+random-seed0", "l2=0.5+adversarial-seed0", "l2=1e+2-seed0",
                "darts-minus=linear_1_0+random-seed0", "weight-decay-seed0"),
                plan.stream().map(Experiment.Run::dirName).toList());
    }

    @Test
    void axesAreParsedWithOneLineErrors() {
        assertEquals(new Experiment.Axis("max-train", List.of("2000", "4000")), Experiment.Axis.parse("max-train=2000, 4000"));
        for (String bad : List.of("epochs", "=2,4", "epochs=", "epochs=2,,4", "epochs=2,2")) {
            UserError e = assertThrows(UserError.class, () -> Experiment.Axis.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--grid " + bad + ": "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void gridRunsAreNamedByEveryAxisTheSeedLast() {
        List<Experiment.Run> plan = Experiment.plan(List.of("beta-decay", "l2=0.5"),
                List.of(Experiment.Axis.parse("epochs=2,4"), Experiment.Axis.parse("max-train=2000")), List.of(0L, 1L));
        assertEquals(List.of("beta-decay-epochs2-max-train2000-seed0", "beta-decay-epochs2-max-train2000-seed1",
                "beta-decay-epochs4-max-train2000-seed0", "beta-decay-epochs4-max-train2000-seed1",
                "l2=0.5-epochs2-max-train2000-seed0", "l2=0.5-epochs2-max-train2000-seed1",
                "l2=0.5-epochs4-max-train2000-seed0", "l2=0.5-epochs4-max-train2000-seed1"),
                plan.stream().map(Experiment.Run::dirName).toList());
        assertEquals(Map.of("epochs", "4", "max-train", "2000"), plan.get(7).settings());
        assertEquals(List.of("epochs", "max-train"), List.copyOf(plan.get(7).settings().keySet()), "in the axes' order");
        assertEquals("optimizer_x-seed3", new Experiment.Run("optimizer/x", null, "none", 3).dirName());
        assertEquals("none-data-dir_tmp_a_b-seed0",
                Experiment.plan(List.of("none"), List.of(Experiment.Axis.parse("data-dir=/tmp/a b")), List.of(0L))
                        .get(0).dirName());
    }

    @Test
    void summaryGroupsByEveryAxisButTheSeed() throws Exception {
        List<Experiment.Run> plan = Experiment.plan(List.of("none", "beta-decay"),
                List.of(Experiment.Axis.parse("epochs=2,4"), Experiment.Axis.parse("lr=0.1,0.2")), List.of(0L, 1L, 2L));
        List<Summary.Row> rows = run(plan);
        assertEquals(24, launched.size());
        assertEquals(List.of("none epochs=2 lr=0.1", "none epochs=2 lr=0.2", "none epochs=4 lr=0.1",
                "none epochs=4 lr=0.2", "beta-decay epochs=2 lr=0.1", "beta-decay epochs=2 lr=0.2",
                "beta-decay epochs=4 lr=0.1", "beta-decay epochs=4 lr=0.2"),
                rows.stream().map(Summary.Row::name).toList());
        assertTrue(rows.stream().allMatch(r -> r.runs() == 3), "one row per combination, over the seeds");
        List<String> csv = Files.readAllLines(tmp.resolve(Summary.CSV));
        assertTrue(csv.get(0).startsWith("regularizer,epochs,lr,runs,search_valid_acc_mean,"), csv.get(0));
        assertTrue(csv.get(6).startsWith("beta-decay,2,0.2,3,"), csv.get(6));
        String md = Files.readString(tmp.resolve(Summary.MARKDOWN));
        assertTrue(md.startsWith("| regularizer | epochs | lr | runs |"), md);
        assertTrue(md.contains("| none | 4 | 0.1 | 3 |"), md);
        assertEquals(Map.of("epochs", "4", "lr", "0.2"),
                Experiment.recordedSettings(tmp).get("beta-decay-epochs4-lr0.2-seed2"));
        assertEquals(8, Summary.groups(launched.stream().map(n -> RunRecord.read(tmp.resolve(n))).toList(),
                Experiment.recordedSettings(tmp)).size(), "the report's groups");
    }

    @Test
    void badPerturbationsAreRefused() {
        UserError unknown = assertThrows(UserError.class, () -> Experiment.plan(List.of("beta-decay+gaussian"), List.of(0L)));
        assertEquals("unknown perturbation 'gaussian' in 'beta-decay+gaussian': expected random or adversarial",
                unknown.getMessage());
        UserError twice = assertThrows(UserError.class, () -> Experiment.plan(List.of("sdarts-rs+random"), List.of(0L)));
        assertEquals("'sdarts-rs+random': sdarts-rs takes no weight or perturbation (it is none+random)", twice.getMessage());
        assertThrows(UserError.class, () -> Experiment.plan(List.of("sdarts-adv=0.5"), List.of(0L)));
        UserError same = assertThrows(UserError.class, () -> Experiment.plan(List.of("sdarts-adv", "none+adversarial"),
                List.of(0L)));
        assertTrue(same.getMessage().contains("sdarts-adv-seed0 twice"), same.getMessage());
    }

    @Test
    void summaryRowsAreNamedByTheEntry() {
        List<Summary.Row> rows = run(Experiment.plan(List.of("beta-decay+random", "sdarts-adv", "beta-decay", "none",
                "sdarts-rs"), List.of(0L, 1L)));
        assertEquals(List.of("beta-decay+random", "sdarts-adv", "beta-decay", "none", "sdarts-rs"),
                rows.stream().map(Summary.Row::label).toList(), "the entries' order");
        assertTrue(rows.stream().allMatch(r -> r.runs() == 2));
        assertTrue(Files.exists(tmp.resolve("beta-decay+random-seed1/genotype.json")));
    }

    @Test
    void finishedRunsAreKeptAndUnfinishedOnesRunAgain() throws Exception {
        List<Experiment.Run> plan = Experiment.plan(List.of("none", "beta-decay"), List.of(0L, 1L));
        List<Summary.Row> rows = run(plan);
        assertEquals(List.of("none-seed0", "none-seed1", "beta-decay-seed0", "beta-decay-seed1"), launched);
        assertEquals(launched, Experiment.recordedRuns(tmp));
        assertEquals(List.of("none", "beta-decay"), rows.stream().map(Summary.Row::label).toList());
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).runs());
        assertTrue(Files.exists(tmp.resolve(Summary.CSV)));
        assertTrue(Files.exists(tmp.resolve(Summary.MARKDOWN)));

        launched.clear();
        Files.delete(tmp.resolve("none-seed1/genotype.json"));
        rows = run(plan);
        assertEquals(List.of("none-seed1"), launched, "only the unfinished run again");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("none-seed0: finished before, kept"));
        assertEquals(2, rows.get(0).runs());

        launched.clear();
        run(plan);
        assertEquals(List.of(), launched);
    }

    @Test
    void anUnfinishedRunWithACheckpointContinuesFromIt() throws Exception {
        List<Experiment.Run> plan = Experiment.plan(List.of("none"), List.of(0L, 1L));
        run(plan);
        Files.delete(tmp.resolve("none-seed1/genotype.json"));
        Files.writeString(Files.createDirectories(tmp.resolve("none-seed1/checkpoints"))
                .resolve("epoch-0001-step-000004.ckpt"), "");
        launched.clear();
        run(plan);
        assertEquals(List.of("resumed none-seed1"), launched);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("none-seed1: unfinished, continuing from its newest "
                + "checkpoint"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStopEndsTheRunUnderWayAndStartsNoOther() {
        for (int parallel : List.of(1, 2)) {
            Path root = tmp.resolve("p" + parallel);
            launched.clear();
            log.reset();
            StopRequest stop = new StopRequest();
            List<Experiment.Run> plan = Experiment.plan(List.of("none", "beta-decay"), List.of(0L, 1L));
            Experiment.Outcome outcome = Experiment.run(root, plan, (run, dir, resume) -> {
                if (dir.getFileName().toString().equals("none-seed1")) {
                    launched.add("stopped none-seed1");
                    stop.request("SIGINT");
                    throw new Experiment.Stopped();
                }
                launch(run, dir, resume);
            }, parallel, stop, new PrintStream(log, true, StandardCharsets.UTF_8));
            String text = log.toString(StandardCharsets.UTF_8);
            assertTrue(outcome.stopped(), text);
            assertEquals(List.of(), outcome.failed(), text);
            assertTrue(text.contains("run 2/4 none-seed1: stopped after 0 s with a checkpoint"), text);
            if (parallel == 1) {
                assertEquals(List.of("none-seed0", "stopped none-seed1"), launched, text);
            }
        }
    }

    @Test
    void aFailedRunIsReportedAndTheOthersGoOn() throws Exception {
        for (int parallel : List.of(1, 3)) {
            Path root = tmp.resolve("p" + parallel);
            launched.clear();
            log.reset();
            List<Experiment.Run> plan = Experiment.plan(List.of("none", "beta-decay"),
                    List.of(Experiment.Axis.parse("epochs=1,2")), List.of(0L, 1L));
            Experiment.Outcome outcome = Experiment.run(root, plan, (run, dir, resume) -> {
                if (run.settings().get("epochs").equals("2") && run.regularizer().equals("none")) {
                    throw new UserError("no such thing\nsecond line");
                }
                launch(run, dir, resume);
            }, parallel, StopRequest.NEVER, new PrintStream(log, true, StandardCharsets.UTF_8));
            String text = log.toString(StandardCharsets.UTF_8);
            assertEquals(List.of("none-epochs2-seed0", "none-epochs2-seed1"), outcome.failed(), text);
            assertEquals(6, launched.size(), text);
            assertTrue(text.contains("run 3/8 none-epochs2-seed0: failed after 0 s: no such thing\n"), text);
            assertTrue(text.contains("2 of 8 runs failed: none-epochs2-seed0, none-epochs2-seed1"), text);
            assertEquals(8, text.split(": started\n", -1).length - 1, text);
            assertEquals(6, text.split(": finished in ", -1).length - 1, text);
            assertEquals(List.of("none epochs=1", "beta-decay epochs=1", "beta-decay epochs=2"),
                    outcome.rows().stream().map(Summary.Row::name).toList());
        }
    }

    @Test
    void aFolderThatIsNotARunIsNotCleared() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("none-seed0"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        UserError e = assertThrows(UserError.class,
                () -> run(Experiment.plan(List.of("none"), List.of(0L))));
        assertTrue(e.getMessage().contains("not a run directory"), e.getMessage());
        assertEquals("mine", Files.readString(other.resolve("notes.txt")));
    }
}
