package org.betadarts.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.betadarts.io.UserError;

/**
 * Reads SVHN (cropped digits) from {@code train_32x32.mat} and {@code test_32x32.mat}: a uint8 array
 * {@code X} of 32x32x3xN images in MATLAB's column-major order and labels {@code y} of Nx1 values 1..10,
 * where 10 stands for the digit 0. Images are streamed from the file into the one array that holds them,
 * transposed to channel planes of rows, and labels map to the digit they show (0..9).
 */
public final class SvhnReader {
    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;

    private SvhnReader() {}

    /** The training or the test images of the SVHN folder {@code dir}. */
    public static ImageSet read(Path dir, boolean train) {
        Path file = dir.resolve(train ? "train_32x32.mat" : "test_32x32.mat");
        if (!Files.isRegularFile(file)) {
            throw new UserError("missing file " + file);
        }
        Holder h = new Holder();
        MatReader.read(file, v -> {
            if (v.name().equals("X")) {
                h.pixels = images(file, v);
            } else if (v.name().equals("y")) {
                h.labels = labels(file, v);
            }
        });
        if (h.pixels == null || h.labels == null) {
            throw new UserError(file + ": no variable " + (h.pixels == null ? "X" : "y"));
        }
        if (h.pixels.length / IMAGE_BYTES != h.labels.length) {
            throw new UserError(file + " holds " + h.pixels.length / IMAGE_BYTES + " images in X but "
                    + h.labels.length + " labels in y");
        }
        return new ImageSet(h.pixels, h.labels, CHANNELS, SIDE, SIDE);
    }

    private static final class Holder {
        byte[] pixels;
        int[] labels;
    }

    private static byte[] images(Path file, MatVariable x) throws IOException {
        int[] d = x.dims();
        boolean shaped = (d.length == 4 || d.length == 3) && d[0] == SIDE && d[1] == SIDE && d[2] == CHANNELS;
        if (!x.className().equals("uint8") || x.complex() || !x.storedAsBytes() || !shaped) {
            throw new UserError(file + ": X is " + x.describe() + ", expected uint8 32x32x3xN");
        }
        long n = x.count() / IMAGE_BYTES;
        if (n * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new UserError(file + ": too many images to hold: " + n);
        }
        byte[] pixels = new byte[(int) n * IMAGE_BYTES];
        byte[] image = new byte[IMAGE_BYTES];
        int plane = SIDE * SIDE;
        for (int i = 0; i < n; i++) {
            x.readBytes(image, 0, IMAGE_BYTES);
            int out = i * IMAGE_BYTES;
            for (int c = 0; c < CHANNELS; c++) {
                for (int col = 0; col < SIDE; col++) {
                    int src = c * plane + col * SIDE;
                    for (int row = 0; row < SIDE; row++) {
                        pixels[out + c * plane + row * SIDE + col] = image[src + row];
                    }
                }
            }
        }
        return pixels;
    }

    private static int[] labels(Path file, MatVariable y) throws IOException {
        int[] d = y.dims();
        if (y.complex() || d.length != 2 || Math.min(d[0], d[1]) > 1) {
            throw new UserError(file + ": y is " + y.describe() + ", expected Nx1 labels");
        }
        if (y.count() > Integer.MAX_VALUE - 8) {
            throw new UserError(file + ": too many labels to hold: " + y.count());
        }
        int[] labels = new int[(int) y.count()];
        for (int i = 0; i < labels.length; i++) {
            double v = y.readNumber();
            if (v != Math.rint(v) || v < 1 || v > 10) {
                throw new UserError(file + ": label " + v + " of image " + i + " is not in 1..10");
            }
            labels[i] = (int) v % 10;
        }
        return labels;
    }
}
