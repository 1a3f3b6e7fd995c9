package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.Feature;
import org.betadarts.nn.Layers;
import org.betadarts.nn.MixedOp;
import org.betadarts.nn.Module;
import org.betadarts.nn.Parameters;
import org.betadarts.regularize.NoRegularizer;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.SupernetModel;
import org.junit.jupiter.api.Test;

/**
 * The unrolled α gradient against a direct finite difference of the unrolled loss
 * f(α) = L_val(w − η(μ·buf + ∇w L_train(w, α) + wd·w), α), in float64 on a small smooth supernet
 * (tanh candidates): there the finite-difference Hessian-vector product with r = 0.01 / ‖v‖ is
 * accurate, so any disagreement is an error of the implementation. (On ReLU networks as small as a
 * unit test affords, a weight perturbation of norm 0.01 crosses activation kinks, and the difference
 * of gradients no longer estimates the second derivative.)
 */
class SecondOrderTest {
    private static final float ETA = 0.05f;
    private static final List<String> OPS = List.of("a", "b", "c");
    private static final List<AlphaSpec> SPECS = List.of(new AlphaSpec("first", 2, OPS), new AlphaSpec("second", 1, OPS));

    /**
     * Two α tensors: "first" mixes edge 0 (input to hidden) and edge 1 (hidden to hidden, added to
     * its input), "second" mixes one more hidden layer; each candidate is tanh of its own linear map.
     */
    private static SupernetModel smoothNet(Parameters p, int in, int hidden, int classes) {
        MixedOp e0 = mixed(p.child("e0"), in, hidden);
        MixedOp e1 = mixed(p.child("e1"), hidden, hidden);
        MixedOp e2 = mixed(p.child("e2"), hidden, hidden);
        Module head = Layers.linear(p.child("head"), hidden, classes);
        return (images, weights, training) -> {
            NDArray x = images.reshape(images.getShape().get(0), in);
            NDArray h1 = e0.forward(new Feature(x), weights.get(0).get(0), training);
            NDArray h2 = h1.add(e1.forward(new Feature(h1), weights.get(0).get(1), training));
            NDArray h3 = e2.forward(new Feature(h2), weights.get(1).get(0), training);
            return head.forward(h3, training);
        };
    }

    private static MixedOp mixed(Parameters p, int in, int out) {
        List<Candidate> c = new ArrayList<>();
        for (String op : OPS) {
            Module linear = Layers.linear(p.child(op), in, out);
            c.add(Candidate.onValue(linear.then((x, t) -> Activation.tanh(x))));
        }
        return new MixedOp(c);
    }

    private static StepFixture fixture() {
        return new StepFixture(DataType.FLOAT64, p -> smoothNet(p, 6, 5, 3), SPECS, new Shape(5, 1, 2, 3), 0.5, ETA);
    }

    @Test
    void unrolledGradientMatchesFiniteDifferencesOfTheUnrolledLoss() {
        try (StepFixture t = fixture()) {
            float[] second = t.compute(t.gradient(Architect.SECOND, new NoRegularizer()));
            float[] first = t.compute(t.gradient(Architect.FIRST, new NoRegularizer()));
            assertEquals(9, second.length);
            double[] a0 = new double[second.length];
            for (int i = 0; i < a0.length; i++) {
                a0[i] = t.alpha.values()[i];
            }
            double eps = 1e-5;
            double worstSecond = 0;
            double worstFirst = 0;
            for (int i = 0; i < a0.length; i++) {
                double[] plus = a0.clone();
                double[] minus = a0.clone();
                plus[i] += eps;
                minus[i] -= eps;
                double fd = (t.unrolledLoss(plus) - t.unrolledLoss(minus)) / (2 * eps);
                assertEquals(fd, second[i], 1e-7 + 1e-4 * Math.abs(fd), "d f / d alpha[" + i + "]");
                worstSecond = Math.max(worstSecond, Math.abs(second[i] - fd));
                worstFirst = Math.max(worstFirst, Math.abs(first[i] - fd));
            }
            assertTrue(worstFirst > 50 * worstSecond,
                    "the check tells the orders apart: first-order error " + worstFirst + ", second " + worstSecond);
        }
    }
}
