package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSumTest {
    @Test
    void sumsTheWeightedEdgesAndSkipsEdgesThatComputeNothing() {
        try (NDManager m = TestDevice.manager()) {
            Feature a = new Feature(m.create(new float[] {1, 2}));
            Feature b = new Feature(m.create(new float[] {10, 20}));
            MixedOp identity = new MixedOp(List.of(Candidate.onValue(Layers.IDENTITY)));
            MixedOp zero = new MixedOp(Collections.singletonList(null));
            NDArray weights = m.create(new float[][] {{0.5f}, {2}, {7}});
            NodeSum sum = new NodeSum();
            sum.add(identity, a, weights, 0, false);
            sum.add(zero, a, weights, 2, false);
            sum.add(identity, b, weights, 1, false, x -> x.mul(-1));
            // 0.5 * (1, 2) - 2 * (10, 20); the zero edge adds nothing
            assertArrayEquals(new float[] {-19.5f, -39}, sum.value(() -> m.zeros(a.value().getShape())).toFloatArray());

            NodeSum none = new NodeSum();
            none.add(zero, a, weights, 2, false);
            assertArrayEquals(new float[] {0, 0}, none.value(() -> m.zeros(a.value().getShape())).toFloatArray());
        }
    }
}
