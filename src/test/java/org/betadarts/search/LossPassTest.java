package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.nn.Losses;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.SupernetModel;
import org.junit.jupiter.api.Test;

class LossPassTest {
    /**
     * A pass whose output does not depend on anything trainable (a GDAS sample of {@code none} on every
     * edge into the cells' outputs, with the weights frozen in the α step) leaves zero gradients.
     */
    @Test
    void aLossThatRecordsNoGradientGivesZeroGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArchParams alpha = new ArchParams(List.of(new AlphaSpec("cell", 2, List.of("a", "b"))), m, 1, 0.5);
            SupernetModel constant = (images, weights, training) -> m.create(new float[] {1, 2, 3}, new Shape(1, 3));
            alpha.setTrainable(true);
            NDArray images = m.zeros(new Shape(1, 1, 2, 2));
            LossPass.run(constant, alpha, images, Losses.oneHot(m, new int[] {0}, 3));
            assertArrayEquals(new float[4], alpha.takeGradients(), 0f);
        }
    }
}
