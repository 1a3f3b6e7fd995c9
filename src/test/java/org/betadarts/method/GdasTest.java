package org.betadarts.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.betadarts.data.SavableRandom;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.Feature;
import org.betadarts.nn.MixedOp;
import org.betadarts.space.AlphaSpec;
import org.junit.jupiter.api.Test;

class GdasTest {
    private static final float[] ALPHA = {0.3f, -0.2f, 0.5f};
    private static final double TAU = 2;
    private static final long SEED = 5;

    /** Candidate i multiplies its input by i + 1 and counts its calls. */
    private static List<Candidate> counting(int[] calls) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < calls.length; i++) {
            int k = i;
            out.add((in, training) -> {
                calls[k]++;
                return in.value().mul(k + 1);
            });
        }
        return out;
    }

    /** softmax((log softmax(α) + g) / τ) in double, from the host. */
    private static double[] soft(double[] alpha, float[] g) {
        double max = Double.NEGATIVE_INFINITY;
        for (double a : alpha) {
            max = Math.max(max, a);
        }
        double sum = 0;
        for (double a : alpha) {
            sum += Math.exp(a - max);
        }
        double[] z = new double[alpha.length];
        double zMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < alpha.length; i++) {
            z[i] = (alpha[i] - max - Math.log(sum) + g[i]) / TAU;
            zMax = Math.max(zMax, z[i]);
        }
        double total = 0;
        double[] p = new double[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            p[i] = Math.exp(z[i] - zMax);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    /**
     * On a 3-candidate edge the forward pass is the sampled op alone (the only one computed), and the
     * α gradient is the straight-through one: the gradient of S · soft_k(α) with k the sampled op and
     * S = Σ op_k(x), checked by central differences in double.
     */
    @Test
    void oneHotForwardWithTheSoftGradientComputingOnlyTheSampledOp() {
        Gdas gdas = new Gdas(List.of(new AlphaSpec("cell", 1, List.of("a", "b", "c"))), TAU, 0.1, SEED);
        gdas.startEpoch(0, 1);
        gdas.newPass();
        SavableRandom r = new SavableRandom(SEED);
        float[] g = {Gdas.gumbel(r), Gdas.gumbel(r), Gdas.gumbel(r)};
        double[] alpha = {ALPHA[0], ALPHA[1], ALPHA[2]};
        double[] p = soft(alpha, g);
        int k = 0;
        for (int i = 1; i < 3; i++) {
            k = p[i] > p[k] ? i : k;
        }
        int[] calls = new int[3];
        MixedOp edge = new MixedOp(counting(calls), null, gdas.mixing());
        float[] x = {1, 2, 3, 4};
        float[] out;
        float[] gradient;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(ALPHA, new Shape(1, 3));
            a.setRequiresGradient(true);
            try (GradientCollector c = m.getEngine().newGradientCollector()) {
                NDArray w = gdas.opWeights(0, a.softmax(1));
                float[] row = w.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(i == k ? 1 : 0, row[i], i == k ? 1e-6 : 0, "one-hot weight " + i);
                }
                NDArray y = edge.forward(new Feature(m.create(x, new Shape(1, 1, 2, 2))), w.get(0), true);
                out = y.toFloatArray();
                c.backward(y.sum());
            }
            gradient = a.getGradient().toFloatArray();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(i == k ? 1 : 0, calls[i], "calls of candidate " + i + " (sampled: " + k + ")");
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals((k + 1) * x[i], out[i], 1e-5, "the sampled op's output");
        }
        double s = (k + 1) * 10.0;
        double h = 1e-5;
        for (int i = 0; i < 3; i++) {
            double[] plus = alpha.clone();
            double[] minus = alpha.clone();
            plus[i] += h;
            minus[i] -= h;
            double expected = s * (soft(plus, g)[k] - soft(minus, g)[k]) / (2 * h);
            assertEquals(expected, gradient[i], 1e-4 + 1e-4 * Math.abs(expected), "dL/dα[" + i + "]");
        }
    }

    @Test
    void temperatureFallsLinearlyFromTheFirstToTheLastEpoch() {
        assertEquals(10, Gdas.tau(10, 0.1, 0, 50), 0);
        assertEquals(10 - 9.9 * 25 / 49, Gdas.tau(10, 0.1, 25, 50), 1e-12);
        assertEquals(0.1, Gdas.tau(10, 0.1, 49, 50), 1e-12);
        assertEquals(10, Gdas.tau(10, 0.1, 0, 1), 0, "a one-epoch search stays at τ_max");
        Gdas gdas = new Gdas(List.of(new AlphaSpec("cell", 1, List.of("a", "b"))), 10, 0.1, 1);
        assertEquals(5.05, gdas.state(1, 3).get("tau"), 1e-12);
    }

    /** U = 0 gives an infinite draw, which is drawn again; U = 1/2 gives −log(log 2). */
    @Test
    void aDrawThatIsNotFiniteIsDrawnAgain() {
        double[] u = {0, 0.5};
        int[] next = {0};
        Random fixed = new Random() {
            @Override
            public double nextDouble() {
                return u[next[0]++];
            }
        };
        assertEquals((float) -Math.log(Math.log(2)), Gdas.gumbel(fixed), 0);
        assertEquals(2, next[0]);
    }

    /** The noise of a pass comes from the seeded generator and changes with each pass. */
    @Test
    void eachPassDrawsNewNoiseFromTheSeed() {
        Gdas gdas = new Gdas(List.of(new AlphaSpec("cell", 2, List.of("a", "b", "c"))), 10, 0.1, SEED);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.full(new Shape(2, 3), 1f / 3, DataType.FLOAT32);
            gdas.newPass();
            float[] first = gdas.opWeights(0, p).toFloatArray();
            float[] again = gdas.opWeights(0, p).toFloatArray();
            assertArrayEquals(first, again, 0f, "one pass, one sample");
            SavableRandom r = new SavableRandom(SEED);
            for (int i = 0; i < 6; i++) {
                Gdas.gumbel(r);
            }
            assertEquals(r.state(), gdas.random().get().state(), "six draws for a 2 x 3 α");
        }
    }
}
