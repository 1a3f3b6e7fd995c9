package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.betadarts.data.Datasets;
import org.betadarts.data.ImageSet;
import org.betadarts.data.TestFiles;
import org.betadarts.train.Prediction;
import org.betadarts.train.TrainedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final String CELL =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @TempDir
    Path tmp;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path data() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        int[] labels = new int[48];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        TestFiles.writeMnist(dir, "train", labels, true);
        TestFiles.writeMnist(dir, "t10k", Arrays.copyOf(labels, 12), true);
        return dir;
    }

    private void assertOneLineError(int code, String part) {
        assertEquals(2, code, stderr());
        String e = stderr().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("betadarts: "), e);
        assertTrue(e.contains(part), e);
        assertFalse(e.contains("Exception"), e);
    }

    @Test
    void trainsACellThenPredictsAnExportedTestImage() throws Exception {
        Path data = data();
        Path run = tmp.resolve("run");
        int code = Main.execute("train", "--genotype", CELL, "--data-dir", data.toString(), "--epochs", "1",
                "--batch-size", "16", "-C", "2", "-N", "1", "--seed", "3", "--quiet", "--out", run.toString());
        assertEquals(0, code, stderr());
        String printed = stdout();
        assertTrue(printed.contains("cell:           " + CELL), printed);
        assertTrue(printed.matches("(?s).*parameters: +[0-9,]+ \\(0\\.\\d{6} M\\).*"), printed);
        assertTrue(printed.matches("(?s).*test accuracy: +\\d+\\.\\d\\d% final, \\d+\\.\\d\\d% best \\(epoch 1 of 1\\).*"),
                printed);
        assertTrue(printed.contains("NAS-Bench-201:  94.36% CIFAR-10 test"), printed);
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"command\" : \"train\""), config);
        assertTrue(config.contains("\"seed\" : 3"), config);
        assertTrue(config.contains("\"nesterov\" : true"), config);
        assertTrue(config.contains("\"data\" : \"" + data + "\""), config);
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size());

        ImageSet test = Datasets.load("fashion-mnist", data).test();
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, test.pixel(5, 0, y, x));
            }
        }
        Path png = tmp.resolve("test-5.png");
        ImageIO.write(img, "png", png.toFile());
        List<Prediction> expected;
        try (TrainedModel model = TrainedModel.load(run)) {
            expected = model.predict(img);
        }
        out.reset();
        assertEquals(0, Main.execute("predict", "--model", run.toString(), "--top", "2", png.toString()), stderr());
        String line = stdout().strip();
        assertEquals(String.format(Locale.ROOT, "%s:  %s %.2f%%  %s %.2f%%", png, expected.get(0).name(),
                100 * expected.get(0).probability(), expected.get(1).name(), 100 * expected.get(1).probability()), line);

        // a folder: its images below it, in path order (hidden ones and other files left out)
        Path folder = Files.createDirectories(tmp.resolve("to-classify/sub"));
        Files.copy(png, folder.resolve("b.png"));
        Files.copy(png, folder.resolveSibling("a.png"));
        Files.copy(png, folder.resolveSibling(".hidden.png"));
        Files.writeString(folder.resolve("readme.txt"), "not an image");
        out.reset();
        assertEquals(0, Main.execute("predict", "--model", run.toString(), "--top", "2", folder.getParent().toString()),
                stderr());
        assertEquals(List.of(line.replace(png.toString(), folder.resolveSibling("a.png").toString()),
                line.replace(png.toString(), folder.resolve("b.png").toString())), stdout().strip().lines().toList());
        err.reset();
        Path empty = Files.createDirectories(tmp.resolve("empty-folder"));
        assertOneLineError(Main.execute("predict", "--model", run.toString(), empty.toString()),
                "empty-folder: no PNG or JPEG files in this folder");

        err.reset();
        assertOneLineError(Main.execute("predict", "--model", run.toString(), png.toString(),
                tmp.resolve("nope.png").toString()), "nope.png: no such file");
        err.reset();
        Path text = Files.writeString(tmp.resolve("notes.png"), "not an image");
        assertOneLineError(Main.execute("predict", "--model", run.toString(), text.toString()), "not a PNG or JPEG");
        err.reset();
        assertOneLineError(Main.execute("predict", "--model", data.toString(), png.toString()), "not a model directory");
    }

    @Test
    void trainsADartsCellWithTheQuickPreset() throws Exception {
        String v2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
                + "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), "
                + "('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), "
                + "('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), "
                + "('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])";
        Path run = tmp.resolve("darts");
        int code = Main.execute("train", "--genotype", v2, "--data-dir", data().toString(), "--epochs", "1",
                "--batch-size", "16", "-C", "2", "--layers", "3", "--quiet", "--out", run.toString());
        assertEquals(0, code, stderr());
        assertTrue(stdout().contains("cell:           " + v2), stdout());
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"dropPath\" : 0.2"), config);
        assertTrue(config.contains("\"gradClip\" : 5.0"), config);
        assertTrue(Files.readString(run.resolve("metrics.jsonl")).contains("\"drop_path\":0.0"));
        assertTrue(Files.isRegularFile(run.resolve("model").resolve("weights.bin")));
    }

    @Test
    void badGenotypesAndSettingsAreOneLine() throws Exception {
        assertOneLineError(Main.execute("train", "--genotype", "|nor_conv_3x3~0|+|bogus~0|", "--out",
                tmp.resolve("r").toString()), "bogus");
        err.reset();
        assertOneLineError(Main.execute("train", "--genotype", tmp.resolve("missing-run").toString()),
                "neither a run directory");
        err.reset();
        Path run = tmp.resolve("r2");
        assertOneLineError(Main.execute("train", "--genotype", CELL, "--data-dir", data().toString(), "--drop-path",
                "0.2", "--out", run.toString()), "--drop-path");
        assertFalse(Files.exists(run));
        err.reset();
        assertOneLineError(Main.execute("train", "--genotype", CELL, "--preset", "darts"), "unknown preset 'darts'");
    }

    @Test
    void helpListsTheSettings() {
        assertEquals(0, Main.execute("train", "--help"));
        for (String option : new String[] {"--genotype", "--preset", "--[no-]nesterov", "--weight-decay", "--cutout",
                "--auxiliary-weight", "--drop-path", "--max-train", "--out"}) {
            assertTrue(stdout().contains(option), option);
        }
    }
}
