package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.nn.Losses;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.betadarts.optim.Adam;
import org.betadarts.regularize.LambdaSchedule;
import org.betadarts.regularize.NoRegularizer;
import org.betadarts.regularize.Regularizer;
import org.betadarts.regularize.WeightDecay;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.SupernetModel;
import org.junit.jupiter.api.Test;

class ArchitectTest {
    /** α after one architect step with {@code regularizer}, on a network whose logits are x · Σ_edges softmax(α). */
    private static float[] oneStep(Regularizer regularizer) {
        try (NDManager m = TestDevice.manager()) {
            ArchParams alpha = new ArchParams(List.of(new AlphaSpec("cell", 3, List.of("a", "b", "c", "d"))), m, 2, 0.5);
            SupernetModel net = (images, w, training) -> images.mul(w.get(0).sum(new int[] {0}));
            Adam adam = new Adam(alpha.values().length, 0.01f, 0.5f, 0.999f, 1e-8f, 0);
            Architect architect = new Architect(new FirstOrder(net, new Parameters(m, 0), alpha, regularizer),
                    alpha, adam, regularizer);
            NDArray x = m.create(new float[] {1, 2, 3, 4, -1, 0.5f, 2, 1}, new Shape(2, 4));
            NDArray y = Losses.oneHot(m, new int[] {3, 0}, 4);
            architect.step(new StepBatches(x, y, x, y), 0.1f, 1, 4);
            return alpha.values().clone();
        }
    }

    @Test
    void weightDecayActsAfterTheOptimizerStep() {
        float[] plain = oneStep(new NoRegularizer());
        float[] decayed = oneStep(new WeightDecay(LambdaSchedule.constant(10)));
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i] * (1 - 0.01f * 10), decayed[i], 1e-6, "value " + i);
        }
        assertNotEquals(0f, plain[0]);
    }
}
