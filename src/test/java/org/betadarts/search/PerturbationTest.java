package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.betadarts.data.SavableRandom;
import org.betadarts.io.UserError;
import org.betadarts.nn.Losses;
import org.betadarts.nn.NoGrad;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.betadarts.regularize.NoRegularizer;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.SupernetModel;
import org.betadarts.space.darts.DartsSpace;
import org.betadarts.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

/** The SDARTS perturbations against hand-computed numbers and a plain re-implementation of the official attack. */
class PerturbationTest {
    private static final List<String> OPS = List.of("a", "b", "c");

    /** A generator that returns the given uniforms in order. */
    private static Random draws(double... u) {
        return new Random() {
            private int next;

            @Override
            public double nextDouble() {
                return u[next++];
            }
        };
    }

    /**
     * ε = 0.5, so the uniforms u give noise −0.5 + u. Row 1: [0.5, 0.3, 0.2] + [0.4, −0.4, 0] = [0.9, −0.1, 0.2],
     * clamped [0.9, 0, 0.2], sum 1.1. Row 2: [0.95, 0.04, 0.01] + [0.49, −0.2, 0.1] = [1.44, −0.16, 0.11],
     * clamped [1, 0, 0.11], sum 1.11. Row 3 (the second tensor): [0.4, 0.35, 0.25] + [−0.45, −0.5, −0.28] =
     * [−0.05, −0.15, −0.03]: clamped all 0, so 1 at the argmax before clamping, the third op.
     */
    @Test
    void randomPerturbationClampsKeepsTheArgmaxOfAnEmptyRowAndRenormalises() {
        List<AlphaSpec> specs = List.of(new AlphaSpec("normal", 2, OPS), new AlphaSpec("reduce", 1, OPS));
        float[] a0 = {0.5f, 0.3f, 0.2f, 0.95f, 0.04f, 0.01f, 0.4f, 0.35f, 0.25f};
        float[] a = Perturbation.randomStart(a0, 0.5, draws(0.9, 0.1, 0.5, 0.99, 0.3, 0.6, 0.05, 0.0, 0.22), specs);
        float[] expected = {0.9f / 1.1f, 0, 0.2f / 1.1f, 1 / 1.11f, 0, 0.11f / 1.11f, 0, 0, 1};
        assertArrayEquals(expected, a, 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.3f, 0.2f, 0.95f, 0.04f, 0.01f, 0.4f, 0.35f, 0.25f}, a0, 0f,
                "A0 itself untouched");
    }

    @Test
    void epsilonGrowsLinearlyFromThreeHundredthsToTheMaximum() {
        assertEquals(0.03, Perturbation.epsilon(0.3, 0, 50), 1e-12);
        assertEquals(0.165, Perturbation.epsilon(0.3, 25, 50), 1e-12);
        assertEquals(0.2946, Perturbation.epsilon(0.3, 49, 50), 1e-12);
        assertEquals(0.03, Perturbation.epsilon(0.5, 0, 10), 1e-12);
    }

    @Test
    void onlyNoneRandomOrAdversarial() {
        Perturbation.check(null);
        for (String kind : List.of("none", "random", "adversarial")) {
            Perturbation.check(kind);
        }
        UserError e = assertThrows(UserError.class, () -> Perturbation.check("gaussian"));
        assertEquals("--perturb-alpha must be none, random or adversarial, not 'gaussian'", e.getMessage());
    }

    /** A step moves every entry by lr along sign(g) (not at all where g = 0), then back into the ε-ball. */
    @Test
    void anAscentStepFollowsTheGradientsSignAndStaysInTheBall() {
        float[] a0 = {0.2f, 0.2f, 0.2f, 0.2f, 0.2f};
        float[] a = {0.35f, 0.1f, 0.2f, 0.25f, 0.05f};
        float[] g = {3f, -0.001f, 0f, -2f, -1f};
        Perturbation.ascend(a, a0, g, 0.1f, 0.15f);
        assertArrayEquals(new float[] {0.35f, 0.05f, 0.2f, 0.15f, 0.05f}, a, 1e-7f);
        for (float v : a) {
            assertTrue(Math.abs(v - 0.2f) <= 0.15f + 1e-7f, "in the ball: " + v);
        }
    }

    // ----- the attack on a tiny NAS-Bench-201 supernet

    /** NAS-Bench-201 at C=4, one cell per stage, on 8x8 one-channel images, batches of 8; BN statistics moved. */
    private static StepFixture nb201(DataType type) {
        StepFixture f = new StepFixture(type, p -> new Nb201Space().supernet(p, new NetworkShape(1, 3, 4, 1)),
                new Nb201Space().alphas(), new Shape(8, 1, 8, 8), 0.1, 0.025f);
        try (NDScope scope = new NDScope(); NoGrad off = new NoGrad()) {
            for (int i = 0; i < 3; i++) {
                f.net.forward(f.batches.validImages(), f.alpha.opWeights(), true);
            }
        }
        return f;
    }

    /** The eval-mode cross-entropy of the training batch at op weights {@code a}, in double. */
    private static double loss(StepFixture f, double[] a) {
        try (NDScope scope = new NDScope(); NoGrad off = new NoGrad()) {
            NDArray w = f.m.create(a, new Shape(6, 5)).toType(f.weights.dataType(), false);
            NDArray logits = f.net.forward(f.batches.trainImages(), List.of(w), false);
            return Losses.crossEntropy(logits, f.batches.trainTargets()).toType(DataType.FLOAT64, false).getDouble();
        }
    }

    private static double loss(StepFixture f, float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return loss(f, d);
    }

    /** ∇A of the eval-mode loss with the op weights a leaf tensor of their own. */
    private static float[] leafGradient(StepFixture f, float[] a) {
        try (NDScope scope = new NDScope();
             GradientCollector c = f.m.getEngine().newGradientCollector()) {
            NDArray w = f.m.create(a, new Shape(6, 5));
            w.setRequiresGradient(true);
            NDArray logits = f.net.forward(f.batches.trainImages(), List.of(w), false);
            c.backward(Losses.crossEntropy(logits, f.batches.trainTargets()));
            return w.getGradient().toFloatArray();
        }
    }

    private static float lossAt(StepFixture f, float[] a) {
        try (NDScope scope = new NDScope(); NoGrad off = new NoGrad()) {
            NDArray logits = f.net.forward(f.batches.trainImages(), List.of(f.m.create(a, new Shape(6, 5))), false);
            return Losses.crossEntropy(logits, f.batches.trainTargets()).getFloat();
        }
    }

    /** clip of rows of five, written out. */
    private static void clipRowsOfFive(float[] a) {
        for (int r = 0; r < a.length / 5; r++) {
            int best = 0;
            for (int c = 1; c < 5; c++) {
                best = a[r * 5 + c] > a[r * 5 + best] ? c : best;
            }
            float sum = 0;
            for (int c = 0; c < 5; c++) {
                a[r * 5 + c] = Math.min(1, Math.max(0, a[r * 5 + c]));
                sum += a[r * 5 + c];
            }
            if (sum == 0) {
                a[r * 5 + best] = 1;
                sum = 1;
            }
            for (int c = 0; c < 5; c++) {
                a[r * 5 + c] /= sum;
            }
        }
    }

    /** The official Linf_PGD_alpha, step by step, in float like the official code (ε a double, as in Python). */
    private static float[] officialAttack(StepFixture f, float[] a0, double eps, Random r) {
        float before = lossAt(f, a0);
        float[] a = new float[a0.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = a0[i] + (float) (-eps + 2.0 * eps * r.nextDouble());
        }
        clipRowsOfFive(a);
        float lr = (float) (2 * eps / 7);
        float radius = (float) eps;
        for (int step = 0; step < 7; step++) {
            float[] g = leafGradient(f, a);
            for (int i = 0; i < a.length; i++) {
                a[i] = a[i] - lr * -Math.signum(g[i]); // SGD on −L with the gradient's sign
                float diff = Math.max(-radius, Math.min(radius, a[i] - a0[i]));
                a[i] = diff + a0[i];
            }
            clipRowsOfFive(a);
        }
        float after = lossAt(f, a);
        return before > after ? a0 : a;
    }

    @Test
    void adversarialIsTheOfficialAttackAndChangesNothingButItsResult() {
        try (StepFixture f = nb201(DataType.FLOAT32); StepFixture twin = nb201(DataType.FLOAT32)) {
            float[] alphaBefore = f.alpha.values().clone();
            float[] tensorBefore = f.alpha.tensors().get(0).toFloatArray();
            List<float[]> statsBefore = f.weights.buffers().values().stream().map(NDArray::toFloatArray).toList();
            float[] a0 = f.alpha.softmaxValues();
            Perturbation p = new Perturbation("adversarial", 0.57, 11, f.net, f.weights, f.alpha);
            float[] a = p.opWeights(1, 2, f.batches.trainImages(), f.batches.trainTargets()); // ε = 0.3

            assertArrayEquals(officialAttack(f, a0, Perturbation.epsilon(0.57, 1, 2), new SavableRandom(11)), a, 1e-6f);
            for (int r = 0; r < 6; r++) {
                double sum = 0;
                for (int c = 0; c < 5; c++) {
                    float v = a[r * 5 + c];
                    assertTrue(v >= 0 && v <= 1, "entry " + v);
                    sum += v;
                }
                assertEquals(1, sum, 1e-6, "row " + r);
            }
            assertFalse(java.util.Arrays.equals(a0, a), "the attack moved the op weights");
            assertTrue(loss(f, a) > loss(f, a0), "the loss rose: " + loss(f, a0) + " to " + loss(f, a));

            assertArrayEquals(alphaBefore, f.alpha.values(), 0f, "α");
            assertArrayEquals(tensorBefore, f.alpha.tensors().get(0).toFloatArray(), 0f, "α on the device");
            for (int i = 0; i < statsBefore.size(); i++) {
                assertArrayEquals(statsBefore.get(i), f.weights.buffers().values().stream().toList().get(i).toFloatArray(),
                        0f, "batch-norm statistics " + i);
            }
            try (NDScope scope = new NDScope()) {
                assertArrayEquals(a0, f.alpha.opWeights().get(0).toFloatArray(), 1e-6f, "op weights released");
            }
            // nothing left behind: the next gradients equal those of an untouched twin
            assertArrayEquals(twin.compute(twin.gradient(Architect.FIRST, new NoRegularizer())),
                    f.compute(f.gradient(Architect.FIRST, new NoRegularizer())), 0f, "alpha gradient");
            List<float[]> expected = twin.weightGradients();
            List<float[]> actual = f.weightGradients();
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), 0f, "weight gradient " + i);
            }
        }
    }

    /** The attack's gradient is the eval-mode loss's: central differences (float32: steps of 1e-3). */
    @Test
    void theAttacksGradientIsTheEvalModeLossGradient() {
        try (StepFixture f = nb201(DataType.FLOAT32)) {
            Perturbation p = new Perturbation("adversarial", 0.3, 11, f.net, f.weights, f.alpha);
            float[] a = Perturbation.randomStart(f.alpha.softmaxValues(), 0.2, new Random(4), f.alpha.specs());
            float[] g = p.gradient(a, f.batches.trainImages(), f.batches.trainTargets());
            double h = 1e-3;
            int checked = 0;
            for (int i = 0; i < a.length; i++) {
                double[] up = new double[a.length];
                double[] down = new double[a.length];
                for (int j = 0; j < a.length; j++) {
                    up[j] = a[j];
                    down[j] = a[j];
                }
                up[i] += h;
                down[i] -= h;
                double fd = (loss(f, up) - loss(f, down)) / (2 * h);
                assertEquals(fd, g[i], 1e-3 + 0.02 * Math.abs(fd), "entry " + i);
                if (Math.abs(fd) > 3e-3) {
                    assertEquals(Math.signum(fd), Math.signum(g[i]), "the step's direction, entry " + i);
                    checked++;
                }
            }
            assertTrue(checked >= 8, checked + " entries with a clear sign");
        }
    }

    /**
     * On a tiny DARTS supernet (two α tensors) with DARTS-'s skip column β: the attack perturbs the
     * softmax part of both tensors only; β stays the last column of the op weights.
     */
    @Test
    void adversarialOnADartsSupernetWithTheSkipColumn() {
        try (StepFixture f = new StepFixture(DataType.FLOAT32,
                p -> DartsSpace.darts8op().supernet(p, new NetworkShape(1, 3, 2, 3)), DartsSpace.darts8op().alphas(),
                new Shape(4, 1, 8, 8), 0.1, 0.025f)) {
            f.alpha.setAuxiliarySkip(0.7);
            float[] alphaBefore = f.alpha.values().clone();
            float[] a0 = f.alpha.softmaxValues();
            Perturbation p = new Perturbation("adversarial", 0.57, 3, f.net, f.weights, f.alpha);
            float[] a = p.opWeights(1, 2, f.batches.trainImages(), f.batches.trainTargets());
            assertEquals(2 * 14 * 8, a.length, "normal and reduce, 14 edges of 8 ops, no skip column");
            for (int r = 0; r < 28; r++) {
                double sum = 0;
                for (int c = 0; c < 8; c++) {
                    sum += a[r * 8 + c];
                }
                assertEquals(1, sum, 1e-5, "row " + r);
            }
            assertFalse(java.util.Arrays.equals(a0, a));
            assertArrayEquals(alphaBefore, f.alpha.values(), 0f, "α");
            f.alpha.fixOpWeights(a);
            try (NDScope scope = new NDScope()) {
                List<NDArray> w = f.alpha.opWeights();
                assertEquals(new Shape(14, 9), w.get(1).getShape());
                float[] reduce = w.get(1).toFloatArray();
                for (int e = 0; e < 14; e++) {
                    assertEquals(0.7f, reduce[e * 9 + 8], 0f, "β, edge " + e);
                    assertEquals(a[14 * 8 + e * 8], reduce[e * 9], 0f, "the perturbed op weights, edge " + e);
                }
            } finally {
                f.alpha.releaseOpWeights();
            }
        }
    }

    // ----- the attack on hand-made networks whose loss is known

    /**
     * A network whose logits are [0, k · ‖A − centre‖²] for one image of class 0: cross-entropy
     * log(1 + exp(k · ‖A − centre‖²)), highest at the centre for k < 0, lowest there for k > 0.
     */
    private static SupernetModel bowl(NDManager m, float[] centre, float k) {
        NDArray c = m.create(centre, new Shape(2, 3));
        return (images, weights, training) -> {
            NDArray d = weights.get(0).sub(c).square().sum().mul(k).reshape(1, 1);
            return m.zeros(new Shape(1, 1)).concat(d, 1);
        };
    }

    @Test
    void whenTheLossFallsTheAttackReturnsTheUnperturbedWeights() {
        try (NDManager m = TestDevice.manager()) {
            ArchParams alpha = new ArchParams(List.of(new AlphaSpec("cell", 2, OPS)), m, 5, 0.5);
            float[] a0 = alpha.softmaxValues();
            NDArray image = m.zeros(new Shape(1, 1, 1, 1));
            NDArray target = Losses.oneHot(m, new int[] {0}, 2);
            float[] peak = new Perturbation("adversarial", 0.3, 1, bowl(m, a0, -10), new Parameters(m, 0), alpha)
                    .opWeights(1, 1, image, target);
            assertArrayEquals(a0, peak, 0f, "a loss highest at A0: every other point is lower");
            float[] valley = new Perturbation("adversarial", 0.3, 1, bowl(m, a0, 10), new Parameters(m, 0), alpha)
                    .opWeights(1, 1, image, target);
            double distance = 0;
            for (int i = 0; i < 6; i++) {
                distance += (valley[i] - a0[i]) * (valley[i] - a0[i]);
            }
            assertTrue(distance > 0.01, "a loss lowest at A0: the attack climbs away, ‖A − A0‖² = " + distance);
        }
    }

    @Test
    void randomDrawsFromItsOwnGeneratorAndNoneIsTheSoftmax() {
        try (NDManager m = TestDevice.manager()) {
            List<AlphaSpec> specs = List.of(new AlphaSpec("cell", 2, OPS));
            ArchParams alpha = new ArchParams(specs, m, 5, 0.5);
            float[] a0 = alpha.softmaxValues();
            Perturbation random = new Perturbation("random", 0.3, 9, bowl(m, a0, 1), new Parameters(m, 0), alpha);
            long start = random.randomState();
            float[] a = random.opWeights(0, 10, null, null);
            assertArrayEquals(Perturbation.randomStart(a0, 0.03, new SavableRandom(9), specs), a, 0f);
            assertEquals(new SavableRandom(9).state(), start);
            assertTrue(random.on());
            random.setRandomState(start);
            assertArrayEquals(a, random.opWeights(0, 10, null, null), 0f, "the same state, the same draws");
            Perturbation none = new Perturbation(null, 0.3, 9, bowl(m, a0, 1), new Parameters(m, 0), alpha);
            assertFalse(none.on());
            assertArrayEquals(a0, none.opWeights(0, 10, null, null), 0f);
        }
    }
}
