package org.betadarts.data;

import java.util.Arrays;
import java.util.Random;

/**
 * Cutout (DeVries and Taylor, 2017), as DARTS trains with it: in each image of a normalized batch, a
 * square of side {@code size} centred on a uniformly drawn pixel is set to 0 in every channel, clipped
 * at the borders.
 */
public record Cutout(int size) {
    public Cutout {
        if (size < 0) {
            throw new IllegalArgumentException("negative cutout size: " + size);
        }
    }

    /** Cuts a square out of every image of {@code batch}, in place; the centres are drawn from {@code random}. */
    public void apply(Batch batch, Random random) {
        if (size == 0) {
            return;
        }
        int h = batch.height();
        int w = batch.width();
        float[] images = batch.images();
        for (int i = 0; i < batch.size(); i++) {
            int cy = random.nextInt(h);
            int cx = random.nextInt(w);
            int y0 = Math.max(0, cy - size / 2);
            int y1 = Math.min(h, cy + size / 2);
            int x0 = Math.max(0, cx - size / 2);
            int x1 = Math.min(w, cx + size / 2);
            for (int c = 0; c < batch.channels(); c++) {
                int plane = (i * batch.channels() + c) * h * w;
                for (int y = y0; y < y1; y++) {
                    Arrays.fill(images, plane + y * w + x0, plane + y * w + x1, 0f);
                }
            }
        }
    }
}
