package org.betadarts.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosineTest {
    @Test
    void referenceScheduleByHand() {
        assertEquals(0.025, Cosine.lr(0.025f, 0.001f, 0, 100), 1e-8);
        assertEquals(0.013, Cosine.lr(0.025f, 0.001f, 50, 100), 1e-8);   // halfway: the mean
        assertEquals(0.001, Cosine.lr(0.025f, 0.001f, 100, 100), 1e-8);
        // 0.001 + 0.024 * (1 + cos(pi/4)) / 2 = 0.001 + 0.012 * 1.70710678
        assertEquals(0.0214852814, Cosine.lr(0.025f, 0.001f, 25, 100), 1e-8);
        // 0.001 + 0.012 * (1 - cos(pi/4))
        assertEquals(0.0045147186, Cosine.lr(0.025f, 0.001f, 75, 100), 1e-8);
        // last epoch of 100: 0.001 + 0.012 * (1 + cos(0.99 pi)) = 0.001 + 0.012 * 4.9344e-4
        assertEquals(0.0010059213, Cosine.lr(0.025f, 0.001f, 99, 100), 1e-9);
    }

    @Test
    void decreasesMonotonically() {
        float prev = Float.MAX_VALUE;
        for (int e = 0; e <= 10; e++) {
            float lr = Cosine.lr(0.1f, 0f, e, 10);
            assertTrue(lr < prev, "epoch " + e);
            prev = lr;
        }
        assertEquals(0.0, Cosine.lr(0.1f, 0f, 10, 10), 1e-9);
    }
}
