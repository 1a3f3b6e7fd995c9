package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fixed tiny search (one seed, two epochs of four steps, two cells per stage) must end with the
 * same α, losses and weights as recorded here. The literals were produced by the search at commit
 * 318fb35, before any performance work on the step; faster code must keep the same arithmetic, so it
 * must reproduce them within float rounding. The loop's settings are those of that commit, which
 * are no longer the defaults: the scaled weight ramp, no scheduler offset, one shuffled pass of α
 * batches, the last partial batch dropped, the weights alone in the clipping norm.
 */
class PinnedResultsTest {
    private static final Map<String, Object> BEFORE_OFFICIAL_DEFAULTS = Map.of("cells", 2, "lambda", "linear:0:50",
            "lrEpochOffset", 0, "alphaBatches", "pass", "lastBatch", "drop", "clipAlpha", false);
    private static final float[] ALPHA = {
        -0.0010889891f, -0.004961476f, -8.4950915E-4f, -0.003861688f, -0.0012890769f,
        -0.0022307604f, -0.0032770818f, -2.4238983E-4f, -7.369021E-4f, -5.05006E-4f,
        -0.0016428757f, -0.0012996055f, 1.2765054E-4f, -0.0020585808f, -0.0017420977f,
        -0.0024252215f, -0.003150142f, -0.0021018134f, -0.0014839314f, -0.0013058851f,
        -0.0014156869f, -8.690201E-4f, -0.001243005f, -0.0011896638f, 0.0011073509f,
        -0.0015113341f, -0.0011319848f, 9.984421E-5f, -8.776511E-4f, 5.4250227E-4f,
    };
    private static final double TRAIN_LOSS = 0.5808503329753876;
    private static final double ARCH_LOSS = 0.5456753373146057;
    private static final double VALID_LOSS = 1.03891921043396;
    private static final double WEIGHT_SQUARES = 318.78142856033026;

    @Test
    void tinySearchReproducesRecordedAlphaLossesAndWeights() {
        try (Search s = TinySearch.search(TinySearch.config("beta-decay").with(BEFORE_OFFICIAL_DEFAULTS))) {
            s.runEpoch(0, SearchListener.NONE);
            Map<String, Object> last = s.runEpoch(1, SearchListener.NONE);
            float[] alpha = s.alpha().values();
            assertEquals(ALPHA.length, alpha.length);
            for (int i = 0; i < alpha.length; i++) {
                // α moves by about 1e-3 in these 8 steps; 2e-6 is rounding, not a changed step
                assertEquals(ALPHA[i], alpha[i], 2e-6, "alpha[" + i + "]");
            }
            assertEquals(TRAIN_LOSS, (double) last.get("train_loss"), 1e-4);
            assertEquals(ARCH_LOSS, (double) last.get("arch_loss"), 1e-4);
            assertEquals(VALID_LOSS, (double) last.get("valid_loss"), 1e-4);
            double squares = 0;
            for (NDArray w : s.weights().paramList()) {
                for (float v : w.toFloatArray()) {
                    squares += (double) v * v;
                }
            }
            assertEquals(WEIGHT_SQUARES, squares, 1e-3);
        }
    }
}
