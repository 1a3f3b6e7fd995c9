package org.betadarts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.betadarts.bench.ConvThroughput.Stage;
import org.junit.jupiter.api.Test;

class ConvThroughputTest {
    /** The yardstick convolves at the supernet's three stage sizes: C at S, 2C at S/2, 4C at S/4. */
    @Test
    void stagesDoubleChannelsAndHalveTheSize() {
        assertEquals(List.of(new Stage(16, 32), new Stage(32, 16), new Stage(64, 8)), ConvThroughput.stages(16, 32));
        assertEquals(List.of(new Stage(8, 2), new Stage(16, 1)), ConvThroughput.stages(8, 2));
    }

    /** 2 · batch · H · W · C_out · C_in · 9 multiply-adds counted as two FLOPs each. */
    @Test
    void flopsOfAStage() {
        assertEquals(2.0 * 64 * 32 * 32 * 16 * 16 * 9, new Stage(16, 32).flops(64));
        assertEquals(301_989_888.0, new Stage(16, 32).flops(64));
        assertEquals(301_989_888.0, new Stage(64, 8).flops(64)); // each stage does the same work
        assertEquals(2.0 * 10 * 5 * 5 * 3 * 3 * 9, new Stage(3, 5).flops(10));
    }
}
