package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.betadarts.nn.JavaMemory;
import org.betadarts.nn.Losses;
import org.betadarts.regularize.BetaDecay;
import org.betadarts.regularize.LambdaSchedule;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.Recomputing;
import org.betadarts.space.SupernetModel;
import org.betadarts.space.darts.DartsSpace;
import org.betadarts.space.nb201.Nb201Space;
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

    /**
     * The gradients of a pass do not depend on when the garbage collector runs: what the backward pass
     * reads (the loss's divisor, the regularizer's, op weights fixed from host values, whose tensors a
     * recomputing pass closes before its backward pass) is in engine memory, not in Java memory that
     * a collection between the forward and the backward pass frees. Java memory is freed there in one
     * of each pair of otherwise equal passes: the α pass with β-Decay's term, and the weight pass at
     * fixed op weights through a recomputed head.
     */
    @Test
    void gradientsDoNotDependOnWhenTheGarbageCollectorRuns() {
        for (boolean alphaPass : new boolean[] {true, false}) {
            List<float[]> quiet = gradients(alphaPass, false);
            List<float[]> collected = gradients(alphaPass, true);
            assertEquals(quiet.size(), collected.size());
            for (int i = 0; i < quiet.size(); i++) {
                assertArrayEquals(quiet.get(i), collected.get(i), 0f, (alphaPass ? "α pass" : "weight pass")
                        + ", gradient " + i);
            }
        }
    }

    private static List<float[]> gradients(boolean alphaPass, boolean collect) {
        StepFixture f = alphaPass
                ? new StepFixture(DataType.FLOAT32, p -> new Nb201Space().supernet(p, new NetworkShape(1, 3, 3, 1)),
                        new Nb201Space().alphas(), new Shape(4, 1, 8, 8), 0.1, 0.025f)
                : new StepFixture(DataType.FLOAT32,
                        p -> Recomputing.of(DartsSpace.darts().supernet(p, new NetworkShape(1, 3, 2, 4)), List.of(2)),
                        DartsSpace.darts().alphas(), new Shape(4, 1, 8, 8), 0.1, 0.025f);
        try (f; NDScope scope = new NDScope()) {
            BetaDecay beta = new BetaDecay(LambdaSchedule.constant(7));
            f.weights.setTrainable(!alphaPass);
            f.alpha.setTrainable(alphaPass);
            if (!alphaPass) {
                f.alpha.fixOpWeights(f.alpha.softmaxValues());
            }
            StepBatches b = f.batches;
            LossPass.run(f.net, f.alpha, alphaPass ? b.validImages() : b.trainImages(),
                    alphaPass ? b.validTargets() : b.trainTargets(), () -> {
                        NDArray term = alphaPass ? beta.alphaLoss(f.alpha.opTensors(), 0, 1) : null;
                        if (collect) {
                            JavaMemory.freeUnreachableBuffers();
                        }
                        return term;
                    });
            List<float[]> out = Gradients.take(alphaPass ? f.alpha.tensors() : f.weights.paramList()).stream()
                    .map(NDArray::toFloatArray).toList();
            f.alpha.releaseOpWeights();
            f.weights.setTrainable(false);
            f.alpha.setTrainable(false);
            return out;
        }
    }
}
