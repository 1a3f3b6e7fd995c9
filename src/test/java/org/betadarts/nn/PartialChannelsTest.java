package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class PartialChannelsTest {
    /** Channels 0..7 in 4 groups of 2: output channel j·4 + g is input channel g·2 + j. */
    @Test
    void shuffleInterleavesTheGroups() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 8f).reshape(1, 8, 1, 1);
            assertArrayEquals(new float[] {0, 2, 4, 6, 1, 3, 5, 7}, PartialChannels.shuffle(x, 4).toFloatArray(), 0f);
        }
    }

    /**
     * Eight channels 1..8, K = 4: channels 1 and 2 go through 0.5·(3x) + 0.25·(−x) = 1.25x, the other
     * six bypass them; concatenated [1.25, 2.5, 3, 4, 5, 6, 7, 8], shuffled [1.25, 3, 5, 7, 2.5, 4, 6, 8],
     * times the edge weight 0.5. The candidates see two channels.
     */
    @Test
    void mixesTheFirstQuarterBypassesTheRestShufflesAndWeightsTheEdge() {
        List<Long> seen = new ArrayList<>();
        Candidate triple = (in, training) -> {
            seen.add(in.value().getShape().get(1));
            return in.value().mul(3);
        };
        Candidate negate = (in, training) -> in.value().neg();
        MixedOp edge = new MixedOp(List.of(triple, negate), null, new PartialChannels(4));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(1f, 9f).reshape(1, 8, 1, 1);
            NDArray out = edge.forward(new Feature(x), m.create(new float[] {0.5f, 0.25f, 0.5f}), true);
            assertArrayEquals(new float[] {0.625f, 1.5f, 2.5f, 3.5f, 1.25f, 2, 3, 4}, out.toFloatArray(), 1e-6f);
            assertArrayEquals(new long[] {8, 1, 1}, new long[] {out.getShape().get(1), out.getShape().get(2),
                out.getShape().get(3)});
        }
        assertArrayEquals(new Long[] {2L}, seen.toArray(new Long[0]));
    }

    /** Where the candidates halve the size, the bypassed channels are max-pooled 2x2 to match. */
    @Test
    void aHalvingEdgePoolsTheBypassedChannels() {
        Candidate pool = (in, training) -> Layers.maxPool(2, 2, 0).forward(in.value(), training);
        MixedOp edge = new MixedOp(List.of(pool), null, new PartialChannels(4));
        try (NDManager m = NDManager.newBaseManager()) {
            // channel c holds c·10 + (0, 1, 2, 3): its maximum is c·10 + 3
            float[] px = new float[16];
            for (int i = 0; i < 16; i++) {
                px[i] = (i / 4) * 10 + i % 4;
            }
            NDArray out = edge.forward(new Feature(m.create(px, new Shape(1, 4, 2, 2))), m.create(new float[] {2, 1}),
                    true);
            assertArrayEquals(new float[] {6, 13, 23, 33}, out.toFloatArray(), 0f);
        }
    }

    @Test
    void refusesChannelsThatKDoesNotDivide() {
        assertThrows(UserError.class, () -> new PartialChannels(4).candidateChannels(6));
        org.junit.jupiter.api.Assertions.assertEquals(4, new PartialChannels(4).candidateChannels(16));
    }
}
