package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropPathTest {
    @Test
    void eachSampleIsDroppedOrScaledByItsOwnDraw() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.ones(new Shape(64, 2, 3, 3));
            float[] y = new DropPath(0.25, new Random(9)).forward(x, true).toFloatArray();
            Random replay = new Random(9);
            int dropped = 0;
            for (int i = 0; i < 64; i++) {
                boolean kept = replay.nextDouble() < 0.75;
                dropped += kept ? 0 : 1;
                for (int k = 0; k < 18; k++) {
                    assertEquals(kept ? 1 / 0.75f : 0f, y[i * 18 + k], 1e-6f, "sample " + i);
                }
            }
            assertEquals(true, dropped > 4 && dropped < 32, dropped + " of 64 dropped");
        }
    }

    @Test
    void inferenceAndProbabilityZeroLeaveTheInputAlone() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.ones(new Shape(2, 1, 2, 2));
            assertSame(x, new DropPath(0.5, new Random(1)).forward(x, false));
            assertSame(x, DropPath.NONE.forward(x, true));
            assertThrows(IllegalArgumentException.class, () -> new DropPath(1.0, new Random(1)));
        }
    }
}
