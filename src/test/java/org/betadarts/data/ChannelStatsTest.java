package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ChannelStatsTest {
    @Test
    void measuresEachChannel() {
        byte[] pixels = {0, (byte) 255, 51, 51, 10, 10, 10, 10};
        ImageSet set = new ImageSet(pixels, new int[] {0, 1}, 2, 1, 2);
        ChannelStats stats = ChannelStats.of(set);
        float m0 = (0 + 255 + 10 + 10) / 4f / 255;
        double v0 = (0 + 255 * 255 + 100 + 100) / 4.0 / (255 * 255) - m0 * m0;
        assertArrayEquals(new float[] {m0, (51 + 51 + 10 + 10) / 4f / 255}, stats.mean(), 1e-6f);
        float s1 = (float) Math.sqrt((51 * 51 * 2 + 200) / 4.0 / (255 * 255) - Math.pow(122 / 4.0 / 255, 2));
        assertArrayEquals(new float[] {(float) Math.sqrt(v0), s1}, stats.std(), 1e-6f);
    }
}
