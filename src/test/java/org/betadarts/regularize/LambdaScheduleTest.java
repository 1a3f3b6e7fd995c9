package org.betadarts.regularize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.io.UserError;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class LambdaScheduleTest {
    @Test
    void linearRampScaledToTheRun() {
        LambdaSchedule s = LambdaSchedule.parse("linear:0:50");
        for (int epoch : new int[] {0, 1, 2, 37, 50, 99}) {
            assertEquals(0.5 * epoch, s.at(epoch, 100), 1e-12, "epoch " + epoch);
        }
        assertEquals(50, s.at(100, 100), 1e-12);
        // over 10 epochs from 1 to 3: 1 + 0.2 e
        LambdaSchedule t = LambdaSchedule.parse(" linear:1:3 ");
        assertEquals(1.0, t.at(0, 10), 1e-12);
        assertEquals(2.0, t.at(5, 10), 1e-12);
        assertEquals(2.8, t.at(9, 10), 1e-12);
        // a decreasing ramp
        assertEquals(7.5, LambdaSchedule.parse("linear:10:0").at(1, 4), 1e-12);
    }

    @Test
    void officialSlopeIgnoresTheRunLength() {
        LambdaSchedule s = LambdaSchedule.parse("slope:0.5");
        // 50 epochs: λ at epochs 0, 1, 49 = 0, 0.5, 24.5 (the official 50 * epoch / 100)
        assertEquals(0.0, s.at(0, 50), 0);
        assertEquals(0.5, s.at(1, 50), 0);
        assertEquals(24.5, s.at(49, 50), 0);
        for (int epochs : new int[] {1, 3, 8, 100, 1000}) {
            assertEquals(1.0, s.at(2, epochs), 0, epochs + " epochs");
        }
        assertEquals(49.5, s.at(99, 100), 0);
        assertEquals(3.5, s.at(7, 8), 0);
        assertEquals(-2.0, LambdaSchedule.parse("slope:-0.25").at(8, 10), 0);
        // the scaled ramp agrees with it only at 100 epochs
        LambdaSchedule scaled = LambdaSchedule.parse("linear:0:50");
        assertEquals(s.at(37, 100), scaled.at(37, 100), 1e-12);
        assertEquals(43.75, scaled.at(7, 8), 1e-12);
    }

    @Test
    void constants() {
        LambdaSchedule c = LambdaSchedule.parse("2.5");
        for (int epoch : new int[] {0, 3, 49}) {
            assertEquals(2.5, c.at(epoch, 50), 0);
        }
        assertEquals(0.0, LambdaSchedule.parse("0").at(7, 10), 0);
        assertEquals(1e-3, LambdaSchedule.constant(1e-3).at(3, 10), 0);
    }

    @Test
    void textRoundTrips() {
        for (String text : new String[] {"linear:0:50", "1.5", "linear:2:-1", "slope:0.5", "slope:-3.0"}) {
            LambdaSchedule s = LambdaSchedule.parse(text);
            assertEquals(s, LambdaSchedule.parse(s.toString()));
        }
    }

    @Test
    void badTextIsAUserError() {
        for (String bad : new String[] {"", "abc", "linear", "linear:0", "linear:0:50:1", "linear:a:b",
                "cosine:0:50", "linear::5", "0.5:1", "slope", "slope:", "slope:1:2", "slope:x", "slope:NaN", "Infinity"}) {
            UserError e = assertThrows(UserError.class, () -> LambdaSchedule.parse(bad), "'" + bad + "'");
            assertTrue(e.getMessage().contains("linear:START:END") && e.getMessage().contains("slope:STEP"), e.getMessage());
        }
    }

    @Test
    void regularizersByName() {
        LambdaSchedule s = LambdaSchedule.parse("linear:0:50");
        Regularizer none = Regularizers.create("none", s);
        assertInstanceOf(NoRegularizer.class, none);
        assertEquals("none", none.name());
        Regularizer beta = Regularizers.create("beta-decay", s);
        assertInstanceOf(BetaDecay.class, beta);
        assertEquals("beta-decay", beta.name());
        assertEquals(List.of("none", "beta-decay", "l2", "weight-decay", "darts-minus"), Regularizers.names());
        try (NDManager m = TestDevice.manager()) {
            assertNull(none.alphaLoss(List.of(m.ones(new Shape(6, 5))), 50, 100));
        }
        assertTrue(none.state(3, 10).isEmpty());

        UserError e = assertThrows(UserError.class, () -> Regularizers.create("l3", s));
        assertTrue(e.getMessage().contains("l3"), e.getMessage());
        assertTrue(e.getMessage().contains("beta-decay"), e.getMessage());
    }
}
