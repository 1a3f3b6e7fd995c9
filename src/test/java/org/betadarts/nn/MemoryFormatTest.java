package org.betadarts.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
}
