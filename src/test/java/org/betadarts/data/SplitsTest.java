package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class SplitsTest {
    @Test
    void dividesInOrder() {
        int[][] parts = Splits.divide(7, 0.5);
        assertArrayEquals(new int[] {0, 1, 2}, parts[0]);
        assertArrayEquals(new int[] {3, 4, 5, 6}, parts[1]);
        assertArrayEquals(new int[] {0, 1, 2, 3}, Splits.all(4));
        assertArrayEquals(new int[0], Splits.divide(4, 0)[0]);
        assertArrayEquals(new int[0], Splits.divide(4, 1)[1]);
    }
}
