package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.betadarts.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final String SPACES = "nb201, darts, darts-8op, s1, s2, s3, s4";

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();
    private final ByteArrayOutputStream out = console.out;

    @TempDir
    Path tmp;

    private String stderr() {
        return console.err();
    }

    @Test
    void noArgumentsPrintsUsageListingTheCommands() {
        assertEquals(0, Main.execute());
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("search"), usage);
        assertTrue(usage.contains("query"), usage);
    }

    @Test
    void searchHelpListsTheOptions() {
        assertEquals(0, Main.execute("search", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--regularizer", "--lambda", "--epochs", "--seed", "--train-portion"}) {
            assertTrue(help.contains(option), option);
        }
    }

    @Test
    void benchHelpAndAnUnknownSpaceListBothDartsSpaces() {
        assertEquals(0, Main.execute("bench", "--help"));
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(help.contains("search space: " + SPACES), help);
        assertEquals(2, Main.execute("search", "--space", "darts-7op", "--out", tmp.resolve("r").toString()));
        String e = stderr().trim();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("unknown search space 'darts-7op': expected one of [" + SPACES + "]"), e);
        assertFalse(Files.exists(tmp.resolve("r")));
    }

    @Test
    void badArchIsOneLineAndExitCodeTwo() {
        assertEquals(2, Main.execute("query", "|nor_conv_3x3~0|+|bogus~0|"));
        String e = stderr().trim();
        assertTrue(e.startsWith("betadarts: "), e);
        assertEquals(1, e.lines().count(), e);
        assertFalse(e.contains("Exception"), e);
    }

    @Test
    void unknownDatasetIsOneLine() {
        assertEquals(2, Main.execute("search", "--dataset", "imagenet-1k", "--out", tmp.resolve("r").toString()));
        String e = stderr().trim();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("imagenet-1k"), e);
    }

    @Test
    void invalidSettingIsOneLineAndWritesNothing() {
        Path run = tmp.resolve("r");
        assertEquals(2, Main.execute("search", "--epochs", "0", "--out", run.toString()));
        assertTrue(stderr().contains("--epochs"), stderr());
        assertFalse(Files.exists(run));
    }

    @Test
    void gpuWithoutAGpuIsOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0, "a GPU is present");
        Path data = tmp.resolve("data");
        assertEquals(2, Main.execute("search", "--device", "gpu", "--dataset", "cifar10", "--data-dir",
                data.toString(), "--out", tmp.resolve("r").toString()));
        assertTrue(stderr().contains("sees no GPU"), stderr());
    }

    @Test
    void missingDataDirectoryIsOneLine() {
        assertEquals(2, Main.execute("search", "--dataset", "cifar10", "--data-dir", tmp.resolve("nope").toString(),
                "--out", tmp.resolve("r").toString()));
        String e = stderr().trim();
        assertEquals(1, e.lines().count(), e);
    }

    private static void writeData(Path dir) throws Exception {
        int[] labels = new int[96];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        TestFiles.writeMnist(dir, "train", labels, true);
        TestFiles.writeMnist(dir, "t10k", java.util.Arrays.copyOf(labels, 20), true);
    }

    @Test
    void tinySearchFromTheCommandLinePrintsTheCellAndItsBenchmarkRow() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        writeData(data);
        Path run = tmp.resolve("run");
        int code = Main.execute("search", "--data-dir", data.toString(), "--epochs", "1", "--batch-size", "16",
                "-C", "2", "-N", "1", "--seed", "3", "--quiet", "--out", run.toString());
        assertEquals(0, code, stderr());
        String printed = out.toString(StandardCharsets.UTF_8);
        String cell = Files.readString(run.resolve("genotype.txt")).trim();
        assertTrue(printed.contains("found cell: " + cell), printed);
        assertTrue(printed.contains("CIFAR-10 valid/test"), printed);
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"seed\" : 3"), config);
        assertTrue(config.contains("\"channels\" : 2"), config);
        assertTrue(config.contains("\"data\" : \"" + data + "\""), config);
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    }

    @Test
    void searchWithoutDataDirReadsTheSubsetInTheJar() throws Exception {
        Path run = tmp.resolve("run");
        int code = Main.execute("search", "--max-train", "64", "--epochs", "1", "--batch-size", "16", "-C", "2",
                "--quiet", "--out", run.toString());
        assertEquals(0, code, stderr());
        assertTrue(stderr().contains("fashion-mnist from bundled:fashion-mnist-10k (64 training images"), stderr());
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"dataDir\" : null"), config);
        assertTrue(config.contains("\"data\" : \"bundled:fashion-mnist-10k\""), config);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("found cell: |"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nonEmptyOutputDirectoryIsRefusedAndKept() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("r"));
        Files.writeString(run.resolve("metrics.jsonl"), "old\n");
        Path data = Files.createDirectories(tmp.resolve("data"));
        writeData(data);
        assertEquals(2, Main.execute("search", "--data-dir", data.toString(), "--out", run.toString()));
        assertTrue(stderr().contains("not empty"), stderr());
        assertEquals("old\n", Files.readString(run.resolve("metrics.jsonl")));
    }

    @Test
    void dartsSpaceSearchInSecondOrderPrintsTheGenotypeWithoutATableRow() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        writeData(data);
        Path run = tmp.resolve("run");
        int code = Main.execute("search", "--space", "darts", "--order", "second", "--data-dir", data.toString(),
                "--epochs", "1", "--batch-size", "24", "-C", "2", "--layers", "3", "--quiet", "--out", run.toString());
        assertEquals(0, code, stderr());
        String printed = out.toString(StandardCharsets.UTF_8);
        String cell = Files.readString(run.resolve("genotype.txt")).trim();
        assertTrue(cell.startsWith("Genotype(normal=[('"), cell);
        assertTrue(printed.contains("found cell: " + cell), printed);
        assertFalse(printed.contains("CIFAR-10"), "no NAS-Bench-201 row for a DARTS cell: " + printed);
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"order\" : \"second\""), config);
        assertTrue(config.contains("\"space\" : \"darts\""), config);
        assertTrue(config.contains("\"perturbAlpha\" : \"random\""), "SDARTS-RS by default in the DARTS spaces");
    }

    @Test
    void unknownOrderIsOneLine() {
        assertEquals(2, Main.execute("search", "--order", "third", "--out", tmp.resolve("r").toString()));
        String e = stderr().trim();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("--order"), e);
    }

    @Test
    void unknownPerturbationIsOneLine() {
        assertEquals(2, Main.execute("search", "--perturb-alpha", "gaussian", "--out", tmp.resolve("r").toString()));
        assertEquals("betadarts: --perturb-alpha must be none, random or adversarial, not 'gaussian'", stderr().trim());
        assertFalse(Files.exists(tmp.resolve("r")));
    }

    @Test
    void searchHelpListsTheSpacesAndTheOrder() {
        assertEquals(0, Main.execute("search", "--help"));
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertTrue(help.contains("--order"), help);
        assertTrue(help.contains("search space: " + SPACES), help);
        assertTrue(help.contains("--perturb-alpha=none|random|adversarial") && help.contains("--perturb-epsilon"), help);
    }
}
