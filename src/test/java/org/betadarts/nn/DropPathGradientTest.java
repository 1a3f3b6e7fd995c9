package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropPathGradientTest {
    /** The gradient is the mask: it must still be there when backward runs, after much allocation and GC. */
    @Test
    void theGradientOfEachSampleIsItsMaskEvenAfterGarbageCollection() {
        try (NDManager m = TestDevice.manager()) {
            NDArray w = m.ones(new Shape(16, 1, 8, 8));
            w.setRequiresGradient(true);
            for (int round = 0; round < 20; round++) {
                Random replay = new Random(round);
                try (NDScope scope = new NDScope()) {
                    try (GradientCollector c = m.getEngine().newGradientCollector()) {
                        NDArray y = new DropPath(0.5, new Random(round)).forward(w, true);
                        for (int k = 0; k < 20; k++) {
                            m.create(new float[4096]).close();
                        }
                        System.gc();
                        c.backward(y.sum());
                    }
                    float[] g = w.getGradient().toFloatArray();
                    for (int i = 0; i < 16; i++) {
                        float expected = replay.nextDouble() < 0.5 ? 2f : 0f;
                        for (int k = 0; k < 64; k++) {
                            assertEquals(expected, g[i * 64 + k], "round " + round + " sample " + i);
                        }
                    }
                    w.getGradient().subi(w.getGradient());
                }
            }
        }
    }
}
