package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.space.AlphaSpec;
import org.junit.jupiter.api.Test;

class ArchParamsTest {
    @Test
    void auxiliarySkipIsAnExtraColumnOutsideTheSoftmax() {
        try (NDManager m = NDManager.newBaseManager()) {
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
}
