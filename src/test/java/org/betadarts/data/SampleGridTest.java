package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGridTest {
    @TempDir
    Path dir;

    @Test
    void rowsAreClassesAndCellsAreEnlargedImages() throws IOException {
        byte[] pixels = TestFiles.pattern(5, 1, 4, 4);
        ImageSet set = new ImageSet(pixels, new int[] {1, 0, 1, 1, 2}, 1, 4, 4);
        Path file = dir.resolve("grid.png");
        SampleGrid.write(file, set, 3, 2);
        BufferedImage grid = ImageIO.read(file.toFile());
        int cell = 48;
        int gap = SampleGrid.GAP;
        assertEquals(gap + 2 * (cell + gap), grid.getWidth());
        assertEquals(gap + 3 * (cell + gap), grid.getHeight());
        int[][] expected = {{1, -1}, {0, 2}, {4, -1}};
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 2; col++) {
                int left = gap + col * (cell + gap);
                int top = gap + row * (cell + gap);
                int image = expected[row][col];
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int v = image < 0 ? 0x40 : set.pixel(image, 0, y, x);
                        int rgb = grid.getRGB(left + x * 12 + 11, top + y * 12 + 5) & 0xffffff;
                        assertEquals(v << 16 | v << 8 | v, rgb, "row " + row + " col " + col);
                    }
                }
            }
        }
        assertEquals(SampleGrid.BACKGROUND, grid.getRGB(0, 0) & 0xffffff);
        assertEquals(0, Files.list(dir).filter(p -> p.toString().endsWith(".tmp")).count());
    }

    @Test
    void largeImagesAreShrunkAndColoursKept() {
        byte[] pixels = new byte[3 * 256 * 256];
        java.util.Arrays.fill(pixels, 256 * 256, 2 * 256 * 256, (byte) 200);
        ImageSet set = new ImageSet(pixels, new int[] {0}, 3, 256, 256);
        BufferedImage grid = SampleGrid.render(set, 1, 1);
        assertEquals(2 * SampleGrid.GAP + SampleGrid.MAX_CELL, grid.getWidth());
        assertEquals(200 << 8, grid.getRGB(10, 10) & 0xffffff);
    }
}
