package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    private static final int RED = 0xff0000;
    private static final int GREEN = 0x00ff00;
    private static final int BLUE = 0x0000ff;

    @TempDir
    Path dir;

    /** Red, green and blue classes of n solid images each, in assorted sizes and formats. */
    private void writeColours(int n) throws IOException {
        String[] names = {"blue", "green", "red"};
        int[] colours = {BLUE, GREEN, RED};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                BufferedImage image = TestImages.solid(20 + 7 * i, 30 + 3 * c, colours[c]);
                TestImages.write(dir.resolve(names[c] + "/" + i + ".png"), image, "png");
            }
        }
    }

    private static int rgb(ImageSet set, int i, int y, int x) {
        return set.pixel(i, 0, y, x) << 16 | set.pixel(i, 1, y, x) << 8 | set.pixel(i, 2, y, x);
    }

    @Test
    void loadsSplitImagesWithTheirClasses() throws IOException {
        writeColours(10);
        Dataset d = ImageFolder.load(dir, new DataOptions(12));
        assertEquals("folder", d.name());
        assertEquals(List.of("blue", "green", "red"), d.classNames());
        assertEquals(24, d.train().size());
        assertEquals(3, d.validation().size());
        assertEquals(3, d.test().size());
        assertEquals(3, d.train().channels());
        assertEquals(12, d.train().height());
        assertEquals(12, d.train().width());
        assertEquals(new Augmentation(1, true), d.augmentation());
        assertEquals(FolderSplit.of(dir), d.split());
        int[] colours = {BLUE, GREEN, RED};
        for (ImageSet set : List.of(d.train(), d.validation(), d.test())) {
            for (int i = 0; i < set.size(); i++) {
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        assertEquals(colours[set.labels()[i]], rgb(set, i, y, x));
                    }
                }
            }
        }
        List<String> train = d.split().train();
        for (int i = 0; i < train.size(); i++) {
            assertEquals(d.split().classOf(train.get(i)), d.train().labels()[i]);
        }
    }

    @Test
    void meanAndStdComeFromTrainingImages() throws IOException {
        writeColours(10);
        Dataset d = ImageFolder.load(dir, new DataOptions(8));
        int[] perClass = new int[3];
        for (int label : d.train().labels()) {
            perClass[label]++;
        }
        float n = d.train().size();
        float[] share = {perClass[2] / n, perClass[1] / n, perClass[0] / n};
        for (int c = 0; c < 3; c++) {
            assertEquals(share[c], d.mean()[c], 1e-6);
            assertEquals(Math.sqrt(share[c] * (1 - share[c])), d.std()[c], 1e-6);
        }
    }

    @Test
    void scalesTheShorterSideAndCropsTheCentre() throws IOException {
        BufferedImage stripes = new BufferedImage(60, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 60; x++) {
                stripes.setRGB(x, y, x < 20 ? RED : x < 40 ? GREEN : BLUE);
            }
        }
        TestImages.write(dir.resolve("a/stripes.png"), stripes, "png");
        BufferedImage tall = TestImages.solid(10, 4000, BLUE);
        TestImages.write(dir.resolve("b/tall.jpg"), tall, "jpeg");
        BufferedImage grey = new BufferedImage(9, 9, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(4, 4, 0, 200);
        TestImages.write(dir.resolve("b/grey.png"), grey, "png");
        Dataset d = ImageFolder.load(dir, new DataOptions(10));
        ImageSet set = d.train();
        int stripe = d.split().train().indexOf("a/stripes.png");
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                assertEquals(GREEN, rgb(set, stripe, y, x), "centre third of the stripes at " + x + "," + y);
            }
        }
        int jpeg = d.split().train().indexOf("b/tall.jpg");
        assertTrue(set.pixel(jpeg, 2, 5, 5) > 240 && set.pixel(jpeg, 0, 5, 5) < 15, "blue jpeg");
        int g = d.split().train().indexOf("b/grey.png");
        assertTrue(set.pixel(g, 0, 5, 5) > 0);
        assertEquals(set.pixel(g, 0, 5, 5), set.pixel(g, 1, 5, 5));
        assertEquals(set.pixel(g, 0, 5, 5), set.pixel(g, 2, 5, 5));
    }

    private String failure(Path file) {
        UserError e = assertThrows(UserError.class, () -> ImageFolder.load(dir, new DataOptions(8)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badImageFiles() throws IOException {
        writeColours(2);
        Path bad = dir.resolve("red/bad.png");
        Files.writeString(bad, "not an image");
        assertTrue(failure(bad).contains("not a PNG or JPEG image"));
        TestImages.write(bad, TestImages.solid(3, 3, RED), "gif");
        assertTrue(failure(bad).contains("a gif image, expected PNG or JPEG"));
        TestImages.write(bad, TestImages.solid(30, 30, RED), "png");
        byte[] png = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(png, png.length / 2));
        assertTrue(failure(bad).contains("cannot decode"));
        Files.write(bad, TestImages.pngDeclaring(100_000, 100_000));
        assertTrue(failure(bad).contains("declares 100000x100000 pixels"));
    }

    @Test
    void loadsByNameWithImageSize() throws IOException {
        writeColours(3);
        Dataset d = Datasets.load("folder", dir, new DataOptions(16));
        assertEquals(16, d.train().width());
        assertEquals(32, Datasets.load("folder", dir).test().height());
        UserError e = assertThrows(UserError.class, () -> new DataOptions(4));
        assertTrue(e.getMessage().contains("image size 4"), e.getMessage());
    }

    /** Grey images only (greyscale PNGs and RGB PNGs of grey): one channel, the grey values kept. */
    @Test
    void greyFoldersHaveOneChannel() throws IOException {
        for (int i = 0; i < 10; i++) {
            BufferedImage dark = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            dark.getRaster().setSample(2, 3, 0, 40 + i);
            TestImages.write(dir.resolve("dark/" + i + ".png"), dark, "png");
            TestImages.write(dir.resolve("light/" + i + ".png"), TestImages.solid(8, 8, 0xc8c8c8), "png");
        }
        Dataset d = ImageFolder.load(dir, new DataOptions(8));
        for (ImageSet set : List.of(d.train(), d.validation(), d.test())) {
            assertEquals(1, set.channels());
        }
        assertEquals(1, d.mean().length);
        List<String> files = d.split().train();
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i);
            int expected = f.startsWith("light/") ? 0xc8 : 0;
            assertEquals(expected, d.train().pixel(i, 0, 5, 5), f);
            if (f.startsWith("dark/")) { // the one bright pixel, 40 + the file's number
                assertEquals(40 + Integer.parseInt(f.substring(5, f.indexOf('.'))), d.train().pixel(i, 0, 3, 2), f);
            }
        }

        // one coloured image anywhere keeps all three channels
        TestImages.write(dir.resolve("light/9.png"), TestImages.solid(8, 8, 0xc8c8c9), "png");
        assertEquals(3, ImageFolder.load(dir, new DataOptions(8)).train().channels());
    }
}
