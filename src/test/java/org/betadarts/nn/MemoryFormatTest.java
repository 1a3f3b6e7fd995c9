package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MemoryFormatTest {
    @Test
    void channelsLastKeepsShapeValuesAndResultsOfLayers() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
            NDArray cl = MemoryFormat.channelsLast(x);
            assertEquals(x.getShape(), cl.getShape());
            assertArrayEquals(x.toFloatArray(), cl.toFloatArray(), 0f);

            Parameters p = new Parameters(m, 1);
            Module net = Layers.conv(p.child("a"), 3, 4, 3, 1, 1).then(Layers.batchNorm(p.child("b"), 4, false))
                    .then(Layers.RELU).then(new AvgPool(3, 1, 1));
            assertArrayEquals(net.forward(x, false).toFloatArray(), net.forward(cl, false).toFloatArray(), 1e-5f);
        }
    }

    /**
     * withDenseGradient is the identity in both passes: the same values forward, and through a
     * concatenation each input gets its slice of the gradient, as without it (the layout is what changes).
     */
    @Test
    void withDenseGradientPassesValuesAndGradientsThrough() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = MemoryFormat.channelsLast(m.randomNormal(new Shape(2, 3, 4, 5)));
            NDArray other = MemoryFormat.channelsLast(m.randomNormal(new Shape(2, 2, 4, 5)));
            NDArray g = m.randomNormal(new Shape(2, 5, 4, 5));
            x.setRequiresGradient(true);
            other.setRequiresGradient(true);
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                NDArray dense = MemoryFormat.withDenseGradient(x);
                assertArrayEquals(x.toFloatArray(), dense.toFloatArray(), 0f);
                NDArray joined = NDArrays.concat(new NDList(dense.mul(2), other), 1);
                c.backward(joined.mul(g).sum());
            }
            assertArrayEquals(g.get(new NDIndex(":, 0:3")).mul(2).toFloatArray(), x.getGradient().toFloatArray(), 0f);
            assertArrayEquals(g.get(new NDIndex(":, 3:5")).toFloatArray(), other.getGradient().toFloatArray(), 0f);
        }
    }
}
