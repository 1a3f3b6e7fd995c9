package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.betadarts.regularize.BetaDecay;
import org.betadarts.regularize.LambdaSchedule;
import org.betadarts.regularize.NoRegularizer;
import org.betadarts.regularize.Regularizer;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.Recomputing;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.SupernetModel;
import org.betadarts.space.darts.DartsSpace;
import org.betadarts.space.darts.RobustDartsSpaces;
import org.betadarts.space.nb201.Nb201Space;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pass that recomputes the head of a cut gives what the plain pass gives: loss, logits, the
 * gradients of whatever is trained (α in the α pass, the weights in the weight pass), and the
 * batch-norm running statistics, within float rounding (1e-5 of each array's norm). Each
 * comparison is between two fixtures built alike, one network plain and the other recomputing.
 */
class RecomputeTest {
    private static final NetworkShape DARTS = new NetworkShape(3, 3, 2, 4);
    private static final NetworkShape NB201 = new NetworkShape(3, 3, 3, 1);

    private static StepFixture fixture(SearchSpace space, NetworkShape shape, int layers) {
        return fixture(space, shape, layers == 0 ? List.of() : List.of(layers));
    }

    private static StepFixture fixture(SearchSpace space, NetworkShape shape, List<Integer> points) {
        return new StepFixture(DataType.FLOAT32, p -> Recomputing.of(space.supernet(p, shape), points), space.alphas(),
                new Shape(4, 3, 8, 8), 0.1, 0.025f);
    }

    private static SearchSpace space(String name) {
        return name.equals(Nb201Space.NAME) ? new Nb201Space() : DartsSpace.darts();
    }

    private static NetworkShape shape(String name) {
        return name.equals(Nb201Space.NAME) ? NB201 : DARTS;
    }

    /** What one pass leaves: loss, logits, the gradients of the trained tensors, the running statistics. */
    private record Pass(double loss, double[] logits, List<double[]> gradients, List<double[]> stats) {}

    private static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** One α pass (weights frozen, β-Decay term added, an auxiliary skip weight) or one weight pass (α frozen). */
    private static Pass pass(StepFixture f, boolean alphaPass) {
        try (NDScope scope = new NDScope()) {
            Regularizer beta = new BetaDecay(LambdaSchedule.constant(7));
            f.weights.setTrainable(!alphaPass);
            f.alpha.setTrainable(alphaPass);
            f.alpha.setAuxiliarySkip(alphaPass ? 0.3 : 0);
            LossPass.Output out = alphaPass
                    ? LossPass.run(f.net, f.alpha, f.batches.validImages(), f.batches.validTargets(),
                            () -> beta.alphaLoss(f.alpha.tensors(), 0, 1))
                    : LossPass.run(f.net, f.alpha, f.batches.trainImages(), f.batches.trainTargets());
            List<double[]> gradients = Gradients.take(alphaPass ? f.alpha.tensors() : f.weights.paramList())
                    .stream().map(RecomputeTest::values).toList();
            f.weights.setTrainable(false);
            f.alpha.setTrainable(false);
            f.alpha.setAuxiliarySkip(0);
            List<double[]> stats = f.weights.buffers().values().stream().map(RecomputeTest::values).toList();
            return new Pass(out.loss().toType(DataType.FLOAT64, false).getDouble(), values(out.logits()), gradients,
                    stats);
        }
    }

    /** ‖a − b‖ ≤ tolerance · ‖a‖ (or ≤ tolerance when a is 0), array by array. */
    private static void assertClose(List<double[]> expected, List<double[]> actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertClose(expected.get(i), actual.get(i), tolerance, what + " " + i);
        }
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        assertTrue(Math.sqrt(diff) <= tolerance * Math.max(Math.sqrt(norm), 1e-30),
                what + ": relative difference " + Math.sqrt(diff / Math.max(norm, 1e-60)));
    }

    private static void assertSamePass(Pass expected, Pass actual, double tolerance, String what) {
        assertEquals(expected.loss(), actual.loss(), tolerance * Math.abs(expected.loss()), what + " loss");
        assertClose(expected.logits(), actual.logits(), tolerance, what + " logits");
        assertClose(expected.gradients(), actual.gradients(), tolerance, what + " gradient");
        assertClose(expected.stats(), actual.stats(), tolerance, what + " running statistics");
        boolean any = expected.gradients().stream().anyMatch(g -> Arrays.stream(g).anyMatch(v -> v != 0));
        assertTrue(any, what + ": the pass computes some non-zero gradient");
    }

    @ParameterizedTest(name = "{0}, cut after {1} layers")
    @CsvSource({"darts, 1", "darts, 2", "darts, 3", "nb201, 1", "nb201, 2", "nb201, 4", "darts, '1 2'",
        "darts, '1 2 3'", "nb201, '1 3'", "nb201, '1 2 3 4'"})
    void recomputingGivesTheGradientsLossAndStatisticsOfThePlainPass(String name, String cuts) {
        double tolerance = 1e-5;
        List<Integer> points = Arrays.stream(cuts.split(" ")).map(Integer::valueOf).toList();
        try (StepFixture plain = fixture(space(name), shape(name), 0);
             StepFixture recomputing = fixture(space(name), shape(name), points)) {
            assertTrue(recomputing.net.recomputed().isPresent());
            // two passes each: the second starts from running statistics the first changed
            for (int i = 0; i < 2; i++) {
                assertSamePass(pass(plain, true), pass(recomputing, true), tolerance, "alpha pass " + i);
                assertSamePass(pass(plain, false), pass(recomputing, false), tolerance, "weight pass " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"darts", "nb201"})
    void theUnrolledAlphaGradientIsTheSame(String name) {
        try (StepFixture plain = fixture(space(name), shape(name), 0);
             StepFixture recomputing = fixture(space(name), shape(name), 1)) {
            float[] expected = plain.compute(plain.gradient(Architect.SECOND, new NoRegularizer()));
            float[] actual = recomputing.compute(recomputing.gradient(Architect.SECOND, new NoRegularizer()));
            double[] e = new double[expected.length];
            double[] a = new double[actual.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = expected[i];
                a[i] = actual[i];
            }
            assertClose(e, a, 1e-6, "unrolled alpha gradient");
            assertClose(plain.weightValues().stream().map(RecomputeTest::doubles).toList(),
                    recomputing.weightValues().stream().map(RecomputeTest::doubles).toList(), 1e-12, "weights after");
        }
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void theHessianTrackerSeesTheSameGradient() {
        try (StepFixture plain = fixture(new Nb201Space(), NB201, 0);
             StepFixture recomputing = fixture(new Nb201Space(), NB201, 2)) {
            float[] expected = gradientInInferenceMode(plain);
            float[] actual = gradientInInferenceMode(recomputing);
            assertClose(doubles(expected), doubles(actual), 1e-6, "alpha gradient, inference mode");
        }
    }

    private static float[] gradientInInferenceMode(StepFixture f) {
        try (NDScope scope = new NDScope()) {
            f.alpha.setTrainable(true);
            LossPass.run(f.net, f.alpha, f.batches.validImages(), f.batches.validTargets(), () -> null, false);
            float[] g = f.alpha.takeGradients();
            f.alpha.setTrainable(false);
            return g;
        }
    }

    @Test
    void byDefaultTheDartsSpacesRecomputeEachCellUpToTheFirstReductionAndNb201Nothing() {
        try (NDManager m = TestDevice.manager()) {
            assertEquals(List.of(1, 2, 3), DartsSpace.darts().supernet(new Parameters(m, 1),
                    new NetworkShape(3, 10, 2, 8)).recomputedByDefault());
            assertEquals(List.of(1, 2), DartsSpace.darts().supernet(new Parameters(m, 1), new NetworkShape(3, 10, 2, 5))
                    .recomputedByDefault());
            assertEquals(List.of(1), DartsSpace.darts().supernet(new Parameters(m, 1), new NetworkShape(3, 10, 2, 2))
                    .recomputedByDefault());
            assertEquals(List.of(), RobustDartsSpaces.s4().supernet(new Parameters(m, 1), new NetworkShape(3, 10, 2, 8))
                    .recomputedByDefault());
            SupernetModel nb201 = new Nb201Space().supernet(new Parameters(m, 1), new NetworkShape(3, 10, 2, 3));
            assertEquals(List.of(), nb201.recomputedByDefault());
            assertTrue(nb201.cut(3).isPresent(), "nb201 can still be cut on request");
        }
    }

    @Test
    void theSettingRecomputesWhereItCanAndRefusesWhereItCannot() {
        try (NDManager m = TestDevice.manager()) {
            SupernetModel darts = DartsSpace.darts().supernet(new Parameters(m, 1), DARTS);
            assertTrue(RecomputeSetting.apply(null, darts, "darts").recomputed().isPresent(), "default");
            assertTrue(RecomputeSetting.apply("auto", darts, "darts").recomputed().isPresent());
            assertSame(darts, RecomputeSetting.apply("off", darts, "darts"));
            assertSame(darts, RecomputeSetting.apply("0", darts, "darts"));
            assertTrue(RecomputeSetting.apply("3", darts, "darts").recomputed().isPresent());
            UserError all = assertThrows(UserError.class, () -> RecomputeSetting.apply("4", darts, "darts"));
            assertTrue(all.getMessage().startsWith("--recompute 4: the darts supernet cannot"), all.getMessage());
            assertTrue(RecomputeSetting.apply("1,2,3", darts, "darts").recomputed().isPresent());
            assertEquals(2, RecomputeSetting.apply("1,2,3", darts, "darts").recomputed().get().segments());
            UserError last = assertThrows(UserError.class, () -> RecomputeSetting.apply("1,4", darts, "darts"));
            assertTrue(last.getMessage().startsWith("--recompute 1,4: the darts supernet cannot"), last.getMessage());

            SupernetModel s4 = RobustDartsSpaces.s4().supernet(new Parameters(m, 1), DARTS);
            assertSame(s4, RecomputeSetting.apply("auto", s4, "s4"), "noise: the default does not recompute");
            assertTrue(s4.cut(1).isEmpty());
            assertThrows(UserError.class, () -> RecomputeSetting.apply("1", s4, "s4"));
        }
        UserError bad = assertThrows(UserError.class,
                () -> SearchConfig.paper().with(Map.of("recompute", "lots")));
        assertEquals("--recompute must be auto, off, a number of layers or increasing numbers separated by commas, "
                + "not 'lots'", bad.getMessage());
        assertThrows(UserError.class, () -> SearchConfig.paper().with(Map.of("recompute", "-1")));
        for (String wrong : new String[] {"2,1", "1,1", "0,2", "1,", ",1"}) {
            assertThrows(UserError.class, () -> SearchConfig.paper().with(Map.of("recompute", wrong)), wrong);
        }
        assertEquals("auto", SearchConfig.paper().recompute());
    }

    @Test
    void settingsWrittenBeforeTheFieldExistedReadAsTheDefault() {
        ObjectNode old = Json.MAPPER.valueToTree(SearchConfig.paper());
        old.remove("recompute");
        SearchConfig read = Json.MAPPER.convertValue(old, SearchConfig.class).validated();
        assertEquals(null, read.recompute());
        assertEquals(SearchConfig.paper().with(Map.of("recompute", "off")), read.with(Map.of("recompute", "off")));
    }

    @ParameterizedTest(name = "{0}, recompute {1}")
    @CsvSource({"darts, auto", "nb201, 2", "darts, '1,2'"})
    void aSearchRecomputingEndsWhereOneWithoutEnds(String space, String setting) {
        SearchConfig config = space.equals(Nb201Space.NAME)
                ? TinySearch.config("beta-decay").with(Map.of("cells", 2, "epochs", 1))
                : TinySearch.darts(space, Architect.FIRST).with(Map.of("epochs", 1));
        float[][] alphas = new float[2][];
        double[] squares = new double[2];
        String[] settings = {"off", setting};
        for (int i = 0; i < 2; i++) {
            try (Search s = TinySearch.search(config.with(Map.of("recompute", settings[i])))) {
                float[] before = s.alpha().values().clone();
                s.runEpoch(0, SearchListener.NONE);
                alphas[i] = s.alpha().values().clone();
                for (int k = 0; k < before.length; k++) {
                    alphas[i][k] -= before[k];
                }
                for (NDArray w : s.weights().paramList()) {
                    for (float v : w.toFloatArray()) {
                        squares[i] += (double) v * v;
                    }
                }
                for (NDArray b : s.weights().buffers().values()) {
                    for (float v : b.toFloatArray()) {
                        squares[i] += (double) v * v;
                    }
                }
            }
        }
        assertClose(doubles(alphas[0]), doubles(alphas[1]), 1e-4, "the change of alpha in an epoch");
        assertEquals(squares[0], squares[1], 1e-6 * squares[0], "squares of weights and running statistics");
    }
}
