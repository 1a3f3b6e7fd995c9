package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {
    @TempDir
    Path dir;

    private void writeFolder() throws IOException {
        String[] names = {"apples", "kiwis"};
        int[] colours = {0xdd0000, 0x00aa00};
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 10; i++) {
                BufferedImage image = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 20; y++) {
                    for (int x = 0; x < 24; x++) {
                        image.setRGB(x, y, colours[c]);
                    }
                }
                Path file = dir.resolve("images/" + names[c] + "/" + i + ".png");
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            }
        }
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new DataCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute(args));
        return out.toString();
    }

    @Test
    void inspectsAnImageFolder() throws IOException {
        writeFolder();
        Path grid = dir.resolve("out/grid.png");
        String text = run("inspect", "--dataset", "folder", "--data-dir", dir.resolve("images").toString(),
                "--image-size", "16", "--out", grid.toString(), "--samples", "3");
        assertTrue(text.contains("image shape   3 x 16 x 16"), text);
        assertTrue(text.contains("classes       2"), text);
        assertTrue(text.contains("images        train 16, validation 2, test 2"), text);
        assertTrue(text.contains("augmentation  random crop with padding 2, horizontal flip"), text);
        assertTrue(text.matches("(?s).*apples\\s+8\\s+1\\s+1\\n.*"), text);
        assertTrue(text.matches("(?s).*kiwis\\s+8\\s+1\\s+1\\n.*"), text);
        assertTrue(text.contains("mean          0.4333 0.3333 0.0000 (normalization)"), text);
        assertTrue(text.contains("sample grid   " + grid + " (3 per class)"), text);
        BufferedImage png = ImageIO.read(grid.toFile());
        assertEquals(2 + 3 * 50, png.getWidth());
        assertEquals(2 + 2 * 50, png.getHeight());
        assertEquals(0xdd0000, png.getRGB(10, 10) & 0xffffff);
        assertEquals(0x00aa00, png.getRGB(10 + 100, 10 + 50) & 0xffffff);
    }

    @Test
    void inspectsTheFashionMnistSubsetInTheJarWithoutDataDir() {
        String text = run("inspect", "--dataset", "fashion-mnist");
        assertTrue(text.contains("dataset       fashion-mnist (bundled:fashion-mnist-10k)"), text);
        assertTrue(text.contains("image shape   1 x 28 x 28"), text);
        assertTrue(text.contains("images        train 10000, validation 0, test 2000"), text);
    }

    @Test
    void withoutSubcommandPrintsUsage() {
        assertTrue(run().contains("inspect"));
    }

    @Test
    void unknownDatasetIsAUserError() {
        DataInspectCommand cmd = new DataInspectCommand();
        new CommandLine(cmd).parseArgs("--dataset", "imagenet", "--data-dir", dir.toString());
        UserError e = assertThrows(UserError.class, cmd::call);
        assertTrue(e.getMessage().contains("unknown dataset 'imagenet'"), e.getMessage());
        assertTrue(e.getMessage().contains("svhn") && e.getMessage().contains("folder"), e.getMessage());
    }
}
