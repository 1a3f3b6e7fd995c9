package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CutoutTest {
    private static Batch ones(int n, int c, int h, int w) {
        float[] v = new float[n * c * h * w];
        Arrays.fill(v, 1f);
        return new Batch(v, new int[n], n, c, h, w);
    }

    @Test
    void zeroesTheSquareAroundTheDrawnCentreInEveryChannel() {
        Batch b = ones(3, 2, 10, 12);
        new Cutout(4).apply(b, new Random(5));
        Random same = new Random(5);
        for (int i = 0; i < 3; i++) {
            int cy = same.nextInt(10);
            int cx = same.nextInt(12);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 10; y++) {
                    for (int x = 0; x < 12; x++) {
                        boolean inside = y >= cy - 2 && y < cy + 2 && x >= cx - 2 && x < cx + 2;
                        float v = b.images()[((i * 2 + c) * 10 + y) * 12 + x];
                        assertEquals(inside ? 0f : 1f, v, "image " + i + " channel " + c + " at " + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void aSquareLargerThanTwiceTheImageCoversItAndSizeZeroDoesNothing() {
        Batch b = ones(2, 1, 5, 5);
        new Cutout(10).apply(b, new Random(1));
        for (float v : b.images()) {
            assertEquals(0f, v);
        }
        Batch c = ones(2, 1, 5, 5);
        new Cutout(0).apply(c, new Random(1));
        for (float v : c.images()) {
            assertEquals(1f, v);
        }
        assertThrows(IllegalArgumentException.class, () -> new Cutout(-1));
    }
}
