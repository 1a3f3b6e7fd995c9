package org.betadarts.space.darts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.betadarts.nn.EdgeMixing;
import org.betadarts.nn.Feature;
import org.betadarts.nn.Layers;
import org.betadarts.nn.MixedOp;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class DartsCellTest {
    private static final int C = 2;

    /** A normal cell of skip connections only: node 2 = a·p0 + b·p1, node 3 = p0 + node 2, ... */
    private static final String SKIPS = "Genotype(normal=[('skip_connect', 0), ('skip_connect', 1), "
            + "('skip_connect', 0), ('skip_connect', 2), ('skip_connect', 1), ('skip_connect', 3), "
            + "('skip_connect', 2), ('skip_connect', 4)], normal_concat=[2, 3, 4, 5], "
            + "reduce=[('skip_connect', 0), ('skip_connect', 1), ('skip_connect', 0), ('skip_connect', 2), "
            + "('skip_connect', 1), ('skip_connect', 3), ('skip_connect', 2), ('skip_connect', 4)], "
            + "reduce_concat=[3, 5])";

    @Test
    void aDiscreteCellSumsItsKeptEdgesWithTheirWeightsAndConcatenatesTheListedNodes() {
        DartsGenotype g = DartsGenotype.parse(SKIPS);
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 3);
            DartsCell cell = new DartsCell(p, 3, 5, C, false, false, g.plan(false), true);
            assertEquals(4 * C, cell.outChannels());
            NDArray s0 = m.randomNormal(new Shape(2, 3, 4, 4));
            NDArray s1 = m.randomNormal(new Shape(2, 5, 4, 4));
            float[] w = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f};
            NDArray out = cell.forward(s0, s1, m.create(w, new Shape(8, 1)), false);
            assertEquals(new Shape(2, 4 * C, 4, 4), out.getShape());

            // the preprocessing by hand, with the cell's own weights: ReLU, 1x1 conv, BN (fresh statistics)
            Parameters q = new Parameters(m, 3);
            NDArray p0 = Layers.reluConvBn(q.child("preprocess0"), 3, C, 1, 1, 0, true).forward(s0, false);
            NDArray p1 = Layers.reluConvBn(q.child("preprocess1"), 5, C, 1, 1, 0, true).forward(s1, false);
            NDArray n2 = p0.mul(w[0]).add(p1.mul(w[1]));
            NDArray n3 = p0.mul(w[2]).add(n2.mul(w[3]));
            NDArray n4 = p1.mul(w[4]).add(n3.mul(w[5]));
            NDArray n5 = n2.mul(w[6]).add(n4.mul(w[7]));
            NDArray expected = n2.concat(n3, 1).concat(n4, 1).concat(n5, 1);
            assertClose(expected, out);

            DartsCell reduce = new DartsCell(new Parameters(m, 4), 3, 5, C, true, false, g.plan(true), true);
            assertEquals(2 * C, reduce.outChannels(), "reduce_concat lists two nodes");
            NDArray r = reduce.forward(s0, s1, m.ones(new Shape(8, 1)), false);
            assertEquals(new Shape(2, 2 * C, 2, 2), r.getShape(), "stride 2 on the edges from the inputs");
        }
    }

    @Test
    void afterAReductionTheOlderInputIsFactorizedToTheNewerOnesSize() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            DartsCell.Plan plan = new DartsCell.Plan(DartsCell.fullyConnected(
                    Collections.nCopies(14, DartsOps.DARTS_8OP)), DartsCell.CONCAT);
            DartsCell cell = new DartsCell(p, 6, 8, C, false, true, plan, false);
            assertEquals(new Shape(C / 2, 6, 1, 1), p.params().get("preprocess0.conv_1.weight").getShape());
            NDArray out = cell.forward(m.randomNormal(new Shape(1, 6, 7, 7)), m.randomNormal(new Shape(1, 8, 4, 4)),
                    m.ones(new Shape(14, 8)).div(8), true);
            assertEquals(new Shape(1, 4 * C, 4, 4), out.getShape(), "a 7x7 input reduced to 4x4");
        }
    }

    @Test
    void fullyConnectedEdgesGoNodeByNode() {
        List<DartsCell.Edge> edges = DartsCell.fullyConnected(Collections.nCopies(14, List.of("x")));
        assertEquals(List.of(0, 1, 0, 1, 2, 0, 1, 2, 3, 0, 1, 2, 3, 4), edges.stream().map(DartsCell.Edge::from).toList());
        assertEquals(List.of(2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5), edges.stream().map(DartsCell.Edge::to).toList());
    }

    @Test
    void aPlanNeedsAnOpOtherThanNoneIntoEveryNode() {
        List<DartsCell.Edge> edges = new ArrayList<>(DartsCell.fullyConnected(
                Collections.nCopies(14, List.of("none", "skip_connect"))));
        new DartsCell.Plan(edges, DartsCell.CONCAT);
        edges.set(0, new DartsCell.Edge(0, 2, List.of("none")));
        edges.set(1, new DartsCell.Edge(1, 2, List.of("none")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DartsCell.Plan(edges, DartsCell.CONCAT));
        assertTrue(e.getMessage().contains("node 2"), e.getMessage());
    }

    /**
     * In the supernet, the edges leaving one node compute each pooling and its batch norm once; each edge
     * keeps its own running statistics. Against a cell that computes them on every edge (a mixing that
     * does not compute every candidate, which turns the sharing off): the same output, the same
     * gradient of the mixing weights, and every edge's running statistics equal, after two passes.
     */
    @Test
    void poolingsLeavingOneNodeAreComputedOnceWithEveryEdgesOwnRunningStatistics() {
        EdgeMixing perEdge = new EdgeMixing() {
            @Override
            public NDArray forward(MixedOp edge, Feature in, NDArray weights, boolean training) {
                return EdgeMixing.WEIGHTED_SUM.forward(edge, in, weights, training);
            }

            @Override
            public boolean computesEveryCandidate() {
                return false;
            }
        };
        DartsCell.Plan plan = new DartsCell.Plan(DartsCell.fullyConnected(
                Collections.nCopies(14, DartsOps.DARTS_8OP)), DartsCell.CONCAT);
        for (boolean reduction : new boolean[] {false, true}) {
            try (NDManager m = TestDevice.manager()) {
                Parameters shared = new Parameters(m, 7);
                Parameters separate = new Parameters(m, 7);
                DartsCell a = new DartsCell(shared, 6, 8, C, reduction, false, plan, false);
                DartsCell b = new DartsCell(separate, 6, 8, C, reduction, false, plan, false, perEdge);
                NDArray w = m.randomUniform(0, 1, new Shape(14, 8));
                for (int pass = 0; pass < 2; pass++) {
                    NDArray s0 = m.randomNormal(new Shape(2, 6, 6, 6));
                    NDArray s1 = m.randomNormal(new Shape(2, 8, 6, 6));
                    NDArray probe = m.randomNormal(new Shape(2, 4 * C, reduction ? 3 : 6, reduction ? 3 : 6));
                    float[][] grads = new float[2][];
                    float[][] outs = new float[2][];
                    DartsCell[] cells = {a, b};
                    for (int k = 0; k < 2; k++) {
                        NDArray wk = w.duplicate();
                        wk.setRequiresGradient(true);
                        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                            NDArray out = cells[k].forward(s0, s1, wk, true);
                            outs[k] = out.toFloatArray();
                            gc.backward(out.mul(probe).sum());
                        }
                        grads[k] = wk.getGradient().toFloatArray();
                    }
                    assertArrayEquals(outs[1], outs[0], 2e-5f, "output, reduction " + reduction);
                    assertArrayEquals(grads[1], grads[0], 2e-5f, "gradient of the weights, reduction " + reduction);
                }
                int pools = 0;
                for (String name : separate.buffers().keySet()) {
                    float[] expected = separate.buffers().get(name).toFloatArray();
                    assertArrayEquals(expected, shared.buffers().get(name).toFloatArray(), 0f, name);
                    pools += name.contains("pool") && name.endsWith("running_mean") ? 1 : 0;
                }
                assertEquals(28, pools, "running statistics of both poolings on all 14 edges");
            }
        }
    }

    private static void assertClose(NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-4 * (1 + Math.abs(e[i])), "element " + i);
        }
    }
}
