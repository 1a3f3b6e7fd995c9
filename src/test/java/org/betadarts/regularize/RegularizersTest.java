package org.betadarts.regularize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class RegularizersTest {
    @Test
    void l2IsLambdaTimesTheMeanSquareOfAllValues() {
        try (NDManager m = TestDevice.manager()) {
            NDArray a = m.create(new float[] {1, -2, 3, 0, 0.5f, -1}, new Shape(2, 3));
            NDArray b = m.create(new float[] {2, 2}, new Shape(1, 2));
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            L2 l2 = new L2(LambdaSchedule.parse("linear:0:8"));
            assertNull(l2.alphaLoss(List.of(a, b), 0, 4), "λ is 0 at epoch 0");
            // squares 1 4 9 0 0.25 1 4 4 = 23.25 over 8 values; λ at epoch 1 of 4 = 2
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                NDArray loss = l2.alphaLoss(List.of(a, b), 1, 4);
                assertEquals(2 * 23.25 / 8, loss.getFloat(), 1e-5);
                c.backward(loss);
            }
            // gradient 2 λ α / n = α / 2
            assertArrayEquals(new float[] {0.5f, -1, 1.5f, 0, 0.25f, -0.5f}, a.getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1, 1}, b.getGradient().toFloatArray(), 1e-6f);
            assertEquals(Map.of("lambda", 2.0), l2.state(1, 4));
        }
    }

    @Test
    void weightDecayShrinksEveryValueByLrTimesLambdaAfterTheStep() {
        WeightDecay wd = new WeightDecay(LambdaSchedule.constant(10));
        float[] alpha = {1f, -0.5f, 2f};
        wd.afterAlphaStep(alpha, 0.01, 3, 10);
        assertArrayEquals(new float[] {0.9f, -0.45f, 1.8f}, alpha, 1e-6f);
        try (NDManager m = TestDevice.manager()) {
            assertNull(wd.alphaLoss(List.of(m.ones(new Shape(2, 2))), 3, 10), "no loss term");
        }
        assertEquals(0.0, wd.auxiliarySkip(3, 10));
    }

    @Test
    void dartsMinusSkipWeightDecaysFromOneTowardZero() {
        Regularizer d = Regularizers.create("darts-minus", (String) null);
        assertInstanceOf(DartsMinus.class, d);
        assertEquals(1.0, d.auxiliarySkip(0, 4), 0);
        assertEquals(0.75, d.auxiliarySkip(1, 4), 1e-12);
        assertEquals(0.25, d.auxiliarySkip(3, 4), 1e-12);
        assertEquals(Map.of("beta", 0.5), d.state(2, 4));
        try (NDManager m = TestDevice.manager()) {
            assertNull(d.alphaLoss(List.of(m.ones(new Shape(2, 2))), 0, 4), "no loss term");
        }
        float[] alpha = {1, 2};
        d.afterAlphaStep(alpha, 0.1, 0, 4);
        assertArrayEquals(new float[] {1, 2}, alpha, "α untouched");
        assertEquals(0.3, Regularizers.create("darts-minus", "0.3").auxiliarySkip(2, 4), 1e-12);
    }

    @Test
    void withoutAWeightEachMethodGetsItsDefault() {
        for (String name : List.of("beta-decay", "l2", "weight-decay")) {
            Regularizer r = Regularizers.create(name, (String) null);
            assertEquals(name, r.name());
            // the official slope: 0.5 per epoch whatever the run length
            assertEquals(Map.of("lambda", 5.0), r.state(10, 100), name + ": slope:0.5 at epoch 10 of 100");
            assertEquals(Map.of("lambda", 5.0), r.state(10, 12), name + ": slope:0.5 at epoch 10 of 12");
            assertEquals(Map.of("lambda", 1.0), r.state(2, 8), name + ": slope:0.5 at epoch 2 of 8");
        }
        assertInstanceOf(NoRegularizer.class, Regularizers.create("none", (String) null));
        assertEquals(Map.of("lambda", 0.5), Regularizers.create("l2", "0.5").state(7, 10));
        UserError bad = assertThrows(UserError.class, () -> Regularizers.create("l2", "fast"));
        assertEquals(true, bad.getMessage().contains("fast"), bad.getMessage());
    }
}
