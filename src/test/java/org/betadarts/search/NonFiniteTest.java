package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Map;
import org.betadarts.data.Batch;
import org.betadarts.io.TensorFile;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class NonFiniteTest {
    private static Batch batch(boolean poisoned) {
        Batch b = TinySearch.gaussianBatch(5);
        if (poisoned) {
            b.images()[70] = Float.NaN;
        }
        return b;
    }

    /** Every tensor a checkpoint holds: weights, buffers, momentum, α, Adam's moments. */
    private static Map<String, TensorFile.Tensor> everything(Search s) {
        return SearchCheckpoint.capture(s, s.begin(0)).tensors();
    }

    private static void assertSame(Map<String, TensorFile.Tensor> expected, Map<String, TensorFile.Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            float[] a = expected.get(name).data();
            float[] b = actual.get(name).data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), name + "[" + i + "]");
            }
        }
    }

    @Test
    void skipBatchLeavesEveryTensorAsItWasAndTheNextStepClean() {
        try (Search s = TinySearch.search(TinySearch.config("beta-decay"))) {
            EpochState at = s.begin(0);
            Map<String, TensorFile.Tensor> before = everything(s);
            long adamSteps = s.adam().steps();
            s.step(at, batch(true), batch(true), 0.025f, OnNan.SKIP_BATCH, SearchListener.NONE);
            assertEquals(2, at.skipped, "the alpha update and the weight update");
            assertEquals(0, at.train.count);
            assertEquals(0, at.arch.count);
            assertSame(before, everything(s));
            assertEquals(adamSteps, s.adam().steps());
            for (NDArray p : s.weights().paramList()) {
                p.setRequiresGradient(true);
                assertEquals(0f, p.getGradient().abs().sum().getFloat(), p.getName());
                p.setRequiresGradient(false);
            }

            s.step(at, batch(false), batch(false), 0.025f, OnNan.SKIP_BATCH, SearchListener.NONE);
            assertEquals(2, at.skipped);
            Map<String, TensorFile.Tensor> after = everything(s);
            for (Map.Entry<String, TensorFile.Tensor> e : after.entrySet()) {
                for (float v : e.getValue().data()) {
                    assertTrue(Float.isFinite(v), e.getKey() + " has " + v + " after a clean step");
                }
            }
            assertFalse(Arrays.equals(before.get("alpha/cell").data(), after.get("alpha/cell").data()), "alpha moved");
            assertFalse(Arrays.equals(before.get("weight/stem.conv.weight").data(),
                    after.get("weight/stem.conv.weight").data()), "weights moved");
        }
    }

    @Test
    void stopNamesTheStepAndThePhase() {
        try (Search s = TinySearch.search(TinySearch.config("beta-decay"))) {
            EpochState at = s.begin(0);
            at.step = 6;
            UserError weight = assertThrows(UserError.class,
                    () -> s.step(at, batch(true), batch(false), 0.025f, OnNan.STOP, SearchListener.NONE));
            assertEquals("NaN loss in the weight step at epoch 1, step 7: search stopped, its last checkpoint kept "
                    + "(--on-nan skip-batch skips such updates)", weight.getMessage());
            UserError alpha = assertThrows(UserError.class,
                    () -> s.step(at, batch(false), batch(true), 0.025f, OnNan.STOP, SearchListener.NONE));
            assertTrue(alpha.getMessage().startsWith("NaN loss in the alpha step at epoch 1, step 7: "), alpha.getMessage());
        }
    }

    @Test
    void aPoisonedAlphaBatchSkipsOnlyTheAlphaUpdate() {
        try (Search s = TinySearch.search(TinySearch.config("none"))) {
            EpochState at = s.begin(0);
            float[] alpha = s.alpha().values().clone();
            s.step(at, batch(false), batch(true), 0.025f, OnNan.SKIP_BATCH, SearchListener.NONE);
            assertEquals(1, at.skipped);
            assertArrayEquals(alpha, s.alpha().values(), 0f);
            assertEquals(16, at.train.count, "the weight step ran");
            assertTrue(Double.isFinite(at.train.loss()));
        }
    }
}
