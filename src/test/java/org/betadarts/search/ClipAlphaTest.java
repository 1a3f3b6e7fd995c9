package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code clipAlpha}: the weight step's clipping norm also counts the training loss's gradient with
 * respect to the op weights, as the official NAS-Bench-201 search clips {@code model.parameters()}.
 * With momentum and weight decay off and a clipping bound far below the gradient norm, a weight step
 * moves every weight by −lr · maxNorm · g / norm, so the step with α in the norm must be the step
 * without it scaled by one common factor ‖g_w‖ / sqrt(‖g_w‖² + ‖g_A‖²), strictly below 1.
 */
class ClipAlphaTest {
    /** The change of every weight in one step (one α step, then one weight step). */
    private static List<float[]> weightStep(boolean clipAlpha) {
        SearchConfig config = TinySearch.config("none").with(Map.of("clipAlpha", clipAlpha, "momentum", 0,
                "weightDecay", 0, "gradClip", 1e-4, "archLr", 1e-9));
        try (Search s = TinySearch.search(config)) {
            List<float[]> before = new ArrayList<>();
            for (NDArray w : s.weights().paramList()) {
                before.add(w.toFloatArray());
            }
            s.step(s.begin(0), TinySearch.gaussianBatch(1), TinySearch.gaussianBatch(2), 0.025f, OnNan.STOP, SearchListener.NONE);
            List<float[]> delta = new ArrayList<>();
            int k = 0;
            for (NDArray w : s.weights().paramList()) {
                float[] now = w.toFloatArray();
                float[] was = before.get(k++);
                float[] d = new float[now.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = now[i] - was[i];
                }
                delta.add(d);
            }
            return delta;
        }
    }

    @Test
    void theOpWeightsGradientJoinsTheNormAndOnlyRescalesTheStep() {
        List<float[]> withAlpha = weightStep(true);
        List<float[]> without = weightStep(false);
        double dot = 0;
        double plain = 0;
        for (int t = 0; t < without.size(); t++) {
            for (int i = 0; i < without.get(t).length; i++) {
                dot += (double) withAlpha.get(t)[i] * without.get(t)[i];
                plain += (double) without.get(t)[i] * without.get(t)[i];
            }
        }
        double factor = dot / plain;
        assertTrue(factor > 0.01 && factor < 0.999, "common factor " + factor);
        for (int t = 0; t < without.size(); t++) {
            for (int i = 0; i < without.get(t).length; i++) {
                assertEquals(factor * without.get(t)[i], withAlpha.get(t)[i], 2e-7 + 1e-3 * Math.abs(without.get(t)[i]),
                        "weight tensor " + t + "[" + i + "]");
            }
        }
    }
}
