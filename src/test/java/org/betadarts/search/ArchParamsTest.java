package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.nn.TestDevice;
import org.betadarts.space.AlphaSpec;
import org.junit.jupiter.api.Test;

class ArchParamsTest {
    @Test
    void auxiliarySkipIsAnExtraColumnOutsideTheSoftmax() {
        try (NDManager m = TestDevice.manager()) {
            ArchParams alpha = new ArchParams(List.of(new AlphaSpec("a", 2, List.of("x", "y", "z")),
                    new AlphaSpec("b", 1, List.of("x", "y", "z"))), m, 5, 0.5);
            float[][] first = alpha.matrices().get(0);
            NDArray plain = alpha.opWeights().get(0);
            assertEquals(new Shape(2, 3), plain.getShape());
            alpha.setAuxiliarySkip(0.25);
            List<NDArray> withSkip = alpha.opWeights();
            assertEquals(new Shape(2, 4), withSkip.get(0).getShape());
            assertEquals(new Shape(1, 4), withSkip.get(1).getShape());
            float[] w = withSkip.get(0).toFloatArray();
            double[] row = AlphaStats.softmax(List.<float[][]>of(first)).get(0)[1];
            assertArrayEquals(new float[] {(float) row[0], (float) row[1], (float) row[2], 0.25f},
                    new float[] {w[4], w[5], w[6], w[7]}, 1e-6f);
            alpha.setAuxiliarySkip(0);
            assertEquals(new Shape(2, 3), alpha.opWeights().get(0).getShape());
        }
    }

    /**
     * Fixed op weights replace softmax(α) in the forward pass; while α records gradients its gradient
     * is the gradient with respect to those op weights (no softmax Jacobian), as the official weight
     * pass that writes softmax(α) into α and differentiates with respect to it.
     */
    @Test
    void fixedOpWeightsPassTheirGradientToAlpha() {
        try (NDManager m = TestDevice.manager()) {
            ArchParams alpha = new ArchParams(List.of(new AlphaSpec("a", 2, List.of("x", "y", "z"))), m, 5, 0.5);
            float[] p = {0.7f, 0.2f, 0.1f, 0.3f, 0.3f, 0.4f};
            float[] c = {1, -2, 3, 0.5f, 4, -1};
            double[] softmaxRow = AlphaStats.softmax(alpha.matrices()).get(0)[0];
            float[] host = alpha.softmaxValues();
            assertArrayEquals(new float[] {(float) softmaxRow[0], (float) softmaxRow[1], (float) softmaxRow[2]},
                    new float[] {host[0], host[1], host[2]}, 1e-7f);

            alpha.fixOpWeights(p);
            assertArrayEquals(p, alpha.opWeights().get(0).toFloatArray(), 0f, "the values, exactly");
            alpha.setTrainable(true);
            try (ai.djl.training.GradientCollector g = m.getEngine().newGradientCollector()) {
                NDArray w = alpha.opWeights().get(0);
                assertArrayEquals(p, w.toFloatArray(), 0f, "the values, exactly, also while recording");
                g.backward(w.mul(m.create(c, new Shape(2, 3))).sum());
            }
            assertArrayEquals(c, alpha.takeGradients(), 0f, "d(sum c*w)/dα = c");
            alpha.setTrainable(false);
            alpha.releaseOpWeights();
            assertArrayEquals(host, alpha.opWeights().get(0).toFloatArray(), 1e-6f, "softmax(α) again");
        }
    }
}
