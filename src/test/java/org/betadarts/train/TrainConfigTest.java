package org.betadarts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
    /** Every field of the NAS-Bench-201 protocol, the base of every training preset, as positional values. */
    @Test
    void everyFieldOfTheBaseIsPinned() {
        TrainConfig nb201 = new TrainConfig("cifar10", null, 32, 0, 0, 200, 256, 16, 5, 0,
                0.1, 0, 0.9, true, 5e-4, 0, 0, 0, 0, "cpu");
        org.betadarts.search.RecordFields.assertSame(nb201, TrainConfig.nb201());
    }

    @Test
    void nb201IsTheBenchmarksProtocol() {
        TrainConfig c = TrainConfig.nb201();
        assertEquals(200, c.epochs());
        assertEquals(256, c.batchSize());
        assertEquals(16, c.channels());
        assertEquals(5, c.cells());
        assertEquals(0.1, c.lr());
        assertEquals(0.0, c.lrMin());
        assertEquals(0.9, c.momentum());
        assertTrue(c.nesterov());
        assertEquals(5e-4, c.weightDecay());
        assertEquals(0.0, c.gradClip());
        assertEquals(0.0, c.auxiliaryWeight());
        assertEquals(0.0, c.dropPath());
        assertEquals(0, c.cutout());
        assertEquals(0, c.maxTrain());
        assertEquals("cifar10", c.dataset());
    }

    @Test
    void quickIsASmallRunOfTheSameProtocolOnFashionMnist() {
        TrainConfig q = TrainConfig.quick();
        assertEquals("fashion-mnist", q.dataset());
        assertEquals(6_000, q.maxTrain());
        assertEquals(2_000, q.maxTest());
        assertTrue(q.epochs() <= 10);
        assertEquals(TrainConfig.nb201().lr(), q.lr());
        assertEquals(TrainConfig.nb201().nesterov(), q.nesterov());
    }

    @Test
    void optionsOverrideSingleSettingsAndBadValuesAreUserErrors() {
        TrainConfig c = TrainConfig.nb201().with(Map.of("epochs", 3, "nesterov", false, "seed", 4, "lr", 0.05));
        assertEquals(3, c.epochs());
        assertFalse(c.nesterov());
        assertEquals(4L, c.seed());
        assertEquals(0.05, c.lr());
        assertEquals(TrainConfig.nb201().batchSize(), c.batchSize());
        assertEquals(TrainConfig.nb201(), TrainConfig.nb201().with(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.nb201().with(Map.of("alpha", 1)));
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(Map.of("epochs", 0),
                Map.of("lrMin", 0.5), Map.of("dropPath", 1.0), Map.of("cutout", -1), Map.of("momentum", 1.0),
                Map.of("gradClip", -1.0), Map.of("maxTest", -1))) {
            assertThrows(UserError.class, () -> TrainConfig.nb201().with(bad), bad.toString());
        }
    }
}
