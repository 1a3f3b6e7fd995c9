package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SavableRandomTest {
    @Test
    void drawsWhatJavaUtilRandomDrawsForTheSameSeed() {
        for (long seed : new long[] {0, 1, -7, 123456789012345L}) {
            Random reference = new Random(seed);
            SavableRandom r = new SavableRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertEquals(reference.nextInt(i + 1), r.nextInt(i + 1));
                assertEquals(reference.nextBoolean(), r.nextBoolean());
                assertEquals(reference.nextLong(), r.nextLong());
                assertEquals(reference.nextDouble(), r.nextDouble());
                assertEquals(reference.nextInt(), r.nextInt());
            }
        }
    }

    @Test
    void settingASavedStateReplaysTheSameNumbers() {
        SavableRandom r = new SavableRandom(42);
        r.nextInt(10);
        long saved = r.state();
        int[] first = new int[100];
        for (int i = 0; i < first.length; i++) {
            first[i] = r.nextInt(1000);
        }
        SavableRandom other = new SavableRandom(7);
        other.setState(saved);
        for (int v : first) {
            assertEquals(v, other.nextInt(1000));
        }
        assertEquals(r.state(), other.state());
        long beforeGaussian = r.state();
        double g = r.nextGaussian();
        r.setState(beforeGaussian);
        assertEquals(g, r.nextGaussian(), 0.0, "no second Gaussian value hidden outside the state");
        assertThrows(IllegalArgumentException.class, () -> other.setState(-1));
    }
}
