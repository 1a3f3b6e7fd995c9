package org.betadarts.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.betadarts.io.AtomicFiles;

/**
 * A picture of sample images: one row per class holding the first images of that class, on a dark grey
 * background. Small images are enlarged by repeating pixels to at least {@link #MIN_CELL} pixels, large ones
 * shrunk to at most {@link #MAX_CELL}. At most {@link #MAX_ROWS} classes are shown.
 */
public final class SampleGrid {
    static final int MIN_CELL = 48;
    static final int MAX_CELL = 128;
    public static final int MAX_ROWS = 128;
    static final int GAP = 2;
    static final int BACKGROUND = 0x404040;

    private SampleGrid() {}

    /** The grid of up to {@code perClass} images of each of the first {@code classes} classes. */
    public static BufferedImage render(ImageSet set, int classes, int perClass) {
        int rows = Math.min(classes, MAX_ROWS);
        int side = Math.max(set.height(), set.width());
        int cellW;
        int cellH;
        if (side < MIN_CELL) {
            int scale = (MIN_CELL + side - 1) / side;
            cellW = set.width() * scale;
            cellH = set.height() * scale;
        } else {
            int target = Math.min(side, MAX_CELL);
            cellW = Math.max(1, set.width() * target / side);
            cellH = Math.max(1, set.height() * target / side);
        }
        int width = GAP + perClass * (cellW + GAP);
        int height = GAP + rows * (cellH + GAP);
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                grid.setRGB(x, y, BACKGROUND);
            }
        }
        int[] filled = new int[rows];
        for (int i = 0; i < set.size(); i++) {
            int label = set.labels()[i];
            if (label >= rows || filled[label] >= perClass) {
                continue;
            }
            int left = GAP + filled[label]++ * (cellW + GAP);
            int top = GAP + label * (cellH + GAP);
            for (int y = 0; y < cellH; y++) {
                for (int x = 0; x < cellW; x++) {
                    grid.setRGB(left + x, top + y, rgb(set, i, y * set.height() / cellH, x * set.width() / cellW));
                }
            }
        }
        return grid;
    }

    private static int rgb(ImageSet set, int i, int y, int x) {
        if (set.channels() < 3) {
            int v = set.pixel(i, 0, y, x);
            return v << 16 | v << 8 | v;
        }
        return set.pixel(i, 0, y, x) << 16 | set.pixel(i, 1, y, x) << 8 | set.pixel(i, 2, y, x);
    }

    /** Writes the grid as a PNG file, atomically. */
    public static void write(Path file, ImageSet set, int classes, int perClass) {
        BufferedImage grid = render(set, classes, perClass);
        AtomicFiles.write(file, out -> ImageIO.write(grid, "png", out));
    }
}
