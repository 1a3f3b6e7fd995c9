package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.data.TestFiles;
import org.betadarts.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The experiment and report commands end to end, on synthetic Fashion-MNIST files. */
class ExperimentCommandTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path tmp;

    private Path data() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        int[] labels = new int[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        TestFiles.writeMnist(dir, "train", labels, true);
        TestFiles.writeMnist(dir, "t10k", java.util.Arrays.copyOf(labels, 10), true);
        return dir;
    }

    private String[] experiment(Path data, Path dir) {
        return new String[] {"experiment", "--regularizers", "none,darts-minus", "--seeds", "0,1", "--out",
            dir.toString(), "--data-dir", data.toString(), "--epochs", "2", "--batch-size", "16", "-C", "2", "-N", "1",
            "--lr", "0.05", "--quiet"};
    }

    @Test
    void smallGridWritesRunsSummaryAndReportAndKeepsFinishedRuns() throws Exception {
        Path data = data();
        Path dir = tmp.resolve("exp");
        assertEquals(0, Main.execute(experiment(data, dir)), console.err());
        for (String run : List.of("none-seed0", "none-seed1", "darts-minus-seed0", "darts-minus-seed1")) {
            assertTrue(Files.exists(dir.resolve(run).resolve("genotype.json")), run);
            List<String> lines = Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl"));
            assertEquals(2, lines.size(), run);
            JsonNode last = Json.MAPPER.readTree(lines.get(1));
            assertTrue(last.has("param_free_weight") && last.has("op_share"), run);
            assertEquals(run.startsWith("darts-minus") ? 0.5 : Double.NaN, last.path("beta").asDouble(Double.NaN), 1e-12, run);
            JsonNode config = Json.read(dir.resolve(run).resolve("config.json"), JsonNode.class);
            assertEquals(run.endsWith("1") ? 1 : 0, config.get("config").get("seed").asInt(), run);
            assertEquals(0.05, config.get("config").get("lr").asDouble(), "the search options were applied");
        }
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(3, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("regularizer,runs,search_valid_acc_mean,"), csv.get(0));
        assertTrue(csv.get(0).contains("cifar10_test_mean"), "NAS-Bench-201 columns");
        assertTrue(csv.get(1).startsWith("none,2,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("darts-minus,2,"), csv.get(2));
        String md = Files.readString(dir.resolve("summary.md"));
        assertTrue(md.contains("| none | 2 |") && md.contains("| darts-minus | 2 |"), md);
        assertTrue(console.out().contains("| darts-minus | 2 |"), "the table is printed");

        console.err.reset();
        assertEquals(0, Main.execute(experiment(data, dir)));
        assertEquals(4, console.err().split("finished before, kept", -1).length - 1);

        assertEquals(0, Main.execute("report", dir.toString()));
        String html = Files.readString(dir.resolve("report/index.html"));
        assertTrue(html.contains("Supernet accuracy on the α half"), html);
        assertEquals(4, html.split("class=\"cell\"", -1).length - 1);
        assertTrue(Files.exists(dir.resolve("report/charts/param-free.png")));
        assertTrue(Files.exists(dir.resolve("report/runs/darts-minus-seed1/charts/edge-cell-5.png")));
    }

    @Test
    void perturbedEntriesReachTheirSearches() throws Exception {
        Path dir = tmp.resolve("exp");
        assertEquals(0, Main.execute("experiment", "--regularizers", "sdarts-adv,beta-decay+random,none", "--seeds", "0",
                "--out", dir.toString(), "--data-dir", data().toString(), "--epochs", "1", "--batch-size", "16",
                "-C", "2", "-N", "1", "--quiet"), console.err());
        Map<String, String> expected = Map.of("sdarts-adv-seed0", "adversarial", "beta-decay+random-seed0", "random",
                "none-seed0", "none");
        for (Map.Entry<String, String> run : expected.entrySet()) {
            JsonNode config = Json.read(dir.resolve(run.getKey()).resolve("config.json"), JsonNode.class);
            assertEquals(run.getValue(), config.get("config").get("perturbAlpha").asText(), run.getKey());
            String metrics = Files.readString(dir.resolve(run.getKey()).resolve("metrics.jsonl"));
            assertEquals(!run.getValue().equals("none"), metrics.contains("\"perturb_epsilon\":0.03"), run.getKey());
        }
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(List.of("sdarts-adv", "beta-decay+random", "none"),
                csv.subList(1, csv.size()).stream().map(line -> line.split(",")[0]).toList());
    }

    @Test
    void parallelRunsOverlapAndAFailedRunDoesNotStopTheOthers() throws Exception {
        Path data = data();
        Path dir = tmp.resolve("exp");
        Path missing = tmp.resolve("missing");
        assertEquals(1, Main.execute("experiment", "--regularizers", "none", "--seeds", "0,1", "--grid",
                "data-dir=" + data + "," + missing, "--parallel", "2", "--out", dir.toString(), "--epochs", "2",
                "--batch-size", "16", "-C", "2", "-N", "1"), console.err());
        String err = console.err();
        String good = "none-data-dir" + data.toString().replaceAll("[^A-Za-z0-9.=+-]", "_");
        String bad = "none-data-dir" + missing.toString().replaceAll("[^A-Za-z0-9.=+-]", "_");
        assertEquals(4, err.split(": started\n", -1).length - 1, err);
        assertEquals(2, err.split(": finished in ", -1).length - 1, err);
        assertTrue(err.contains("run 3/4 " + bad + "-seed0: failed after "), err);
        assertTrue(err.contains("2 of 4 runs failed"), err);
        assertFalse(err.contains("epoch 1/2"), "no progress bars: " + err);
        long[] start = new long[2];
        long[] end = new long[2];
        for (int seed = 0; seed < 2; seed++) {
            Path run = dir.resolve(good + "-seed" + seed);
            start[seed] = Files.getLastModifiedTime(run.resolve("config.json")).toMillis();
            end[seed] = Files.getLastModifiedTime(run.resolve("genotype.json")).toMillis();
            assertTrue(Files.readString(dir.resolve("logs").resolve(good + "-seed" + seed + ".log"))
                    .contains("found cell"), "the search's output is in its log");
        }
        assertTrue(start[1] < end[0] && start[0] < end[1], "the two searches overlap in time: "
                + java.util.Arrays.toString(start) + " " + java.util.Arrays.toString(end));
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals(2, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("regularizer,data-dir,runs,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("none," + data + ",2,"), csv.get(1));

        console.err.reset();
        assertEquals(1, Main.execute("experiment", "--regularizers", "none", "--seeds", "0,1", "--grid",
                "data-dir=" + data + "," + missing, "--parallel", "2", "--out", dir.toString(), "--epochs", "2",
                "--batch-size", "16", "-C", "2", "-N", "1"));
        assertEquals(2, console.err().split("finished before, kept", -1).length - 1, console.err());
        assertEquals(2, console.err().split("failed after", -1).length - 1, console.err());
    }

    @Test
    void optionsThatTheGridSetsAndBadSettingsFailBeforeAnyRun() throws Exception {
        Path dir = tmp.resolve("exp");
        assertEquals(2, Main.execute("experiment", "--out", dir.toString(), "--seed", "3"));
        String e = console.err().trim();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("--seeds"), e);

        console.err.reset();
        assertEquals(2, Main.execute("experiment", "--out", dir.toString(), "--perturb-alpha", "random"));
        assertTrue(console.err().contains("an experiment sets --perturb-alpha per run: use --regularizers NAME+random"),
                console.err());

        console.err.reset();
        assertEquals(2, Main.execute("experiment", "--out", dir.toString(), "--regularizers", "none,dropout",
                "--data-dir", data().toString()));
        assertTrue(console.err().contains("dropout"), console.err());
        assertFalse(Files.exists(dir), "nothing was run");

        console.err.reset();
        assertEquals(2, Main.execute("experiment", "--out", dir.toString(), "--epochs", "0"));
        assertTrue(console.err().contains("--epochs"), console.err());

        Map<List<String>, String> grids = new java.util.LinkedHashMap<>();
        grids.put(List.of("--grid", "epoch=2,4"), "--grid epoch=2,4: 'epoch' is not an option of betadarts search");
        grids.put(List.of("--grid", "epochs=2,4", "--grid", "epochs=3"), "the grid has the axis epochs twice");
        grids.put(List.of("--seeds", "0,1", "--grid", "seed=2"), "the grid has the axis seed twice");
        grids.put(List.of("--grid", "epochs=2,0"), "--epochs");
        grids.put(List.of("--grid", "epochs=2,4", "--epochs", "3"), "--epochs is also given as an option");
        grids.put(List.of("--grid", "lambda=0.5"), "an experiment sets --lambda per run");
        grids.put(List.of("--grid", "seed=1,x"), "'x' is not a whole number");
        grids.put(List.of("--grid", "regularizer=none,dropout"), "dropout");
        grids.put(List.of("--grid", "track-hessian=yes"), "takes the values true and false");
        grids.put(List.of("--launcher", "pbs"), "--launcher pbs: expected local or slurm");
        grids.put(List.of("--requeue"), "the --slurm-* options and --requeue need --launcher slurm");
        grids.put(List.of("--slurm-time", "1:00:00"), "need --launcher slurm");
        grids.put(List.of("--launcher", "slurm", "--parallel", "2"), "--parallel is for --launcher local");
        grids.put(List.of("--launcher", "slurm", "--slurm-time", "1 hour"), "expected a Slurm time");
        grids.put(List.of("--launcher", "slurm", "--slurm-cpus-per-task", "0"), "at least 1");
        grids.put(List.of("--launcher", "slurm", "--slurm-extra", "account=abc"), "expected one sbatch option");
        for (Map.Entry<List<String>, String> grid : grids.entrySet()) {
            console.err.reset();
            List<String> args = new java.util.ArrayList<>(List.of("experiment", "--out", dir.toString(), "--data-dir",
                    data().toString()));
            args.addAll(grid.getKey());
            assertEquals(2, Main.execute(args.toArray(String[]::new)), grid.getKey().toString());
            String err = console.err().trim();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains(grid.getValue()), err);
            assertFalse(Files.exists(dir), "nothing was run");
        }

        console.err.reset();
        assertEquals(2, Main.execute("experiment", "--epochs", "2"));
        assertTrue(console.err().contains("an experiment needs --out DIR (or --status DIR)"), console.err());
        console.err.reset();
        assertEquals(2, Main.execute("experiment", "--status", tmp.toString()));
        assertTrue(console.err().contains("is not an experiment directory"), console.err());

        console.err.reset();
        assertEquals(2, Main.execute("experiment", "--out", dir.toString(), "--bogus"));
        assertTrue(console.err().contains("--bogus"), console.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void parallelRunsOnAGpuMachineTakeTheGpusInTurn() {
        assertEquals(java.util.List.of("--epochs", "2", "--seed", "0", "--device", "gpu:1"),
                ExperimentCommand.withDevice(java.util.List.of("--device", "gpu", "--epochs", "2", "--seed", "0"), "gpu:1"));
        assertEquals(java.util.List.of("--epochs", "2", "--device", "gpu:0"),
                ExperimentCommand.withDevice(java.util.List.of("--epochs", "2", "--device=gpu"), "gpu:0"));
    }
}
