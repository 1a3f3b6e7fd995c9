package org.betadarts.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.betadarts.nn.Candidate;
import org.betadarts.nn.Feature;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class DartsOpsTest {
    private static final int C = 4;

    /** Trainable scalars of each op on C channels, counted by hand (stride-2 skip is a FactorizedReduce). */
    private static long expectedCount(String op, int stride) {
        return switch (op) {
            case "none", "max_pool_3x3", "avg_pool_3x3", "noise" -> 0;
            case "skip_connect" -> stride == 1 ? 0 : C * C;
            case "sep_conv_3x3" -> 2 * (9 * C + C * C);
            case "sep_conv_5x5" -> 2 * (25 * C + C * C);
            case "dil_conv_3x3" -> 9 * C + C * C;
            case "dil_conv_5x5" -> 25 * C + C * C;
            default -> throw new IllegalArgumentException(op);
        };
    }

    @Test
    void theDartsOpsComeInReferenceOrder() {
        assertEquals(List.of("none", "max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3",
                "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"), DartsOps.DARTS_8OP);
        assertTrue(DartsOps.names().containsAll(DartsOps.DARTS_8OP));
        assertTrue(DartsOps.exists("noise"));
        assertFalse(DartsOps.exists("nor_conv_3x3"));
    }

    @Test
    void everyOpKeepsTheSizeAtStrideOneAndGivesTheCeilingHalfAtStrideTwo() {
        try (NDManager m = TestDevice.manager()) {
            for (String op : DartsOps.names()) {
                for (int stride : new int[] {1, 2}) {
                    for (int size : new int[] {8, 7}) {
                        Parameters p = new Parameters(m, 0);
                        Candidate c = DartsOps.create(op, p, C, stride, false);
                        assertEquals(expectedCount(op, stride), p.count(), op + " stride " + stride);
                        if (op.equals("none")) {
                            assertNull(c);
                            continue;
                        }
                        NDArray x = m.randomNormal(new Shape(2, C, size, size + 1));
                        NDArray y = c.forward(new Feature(x), true);
                        int h = (size + stride - 1) / stride;
                        int w = (size + 1 + stride - 1) / stride;
                        assertEquals(new Shape(2, C, h, w), y.getShape(), op + " stride " + stride + " size " + size);
                    }
                }
            }
        }
    }

    @Test
    void searchPoolingIsFollowedByNonAffineBatchNormAndDiscretePoolingIsPlain() {
        try (NDManager m = TestDevice.manager()) {
            for (String op : List.of("max_pool_3x3", "avg_pool_3x3")) {
                Parameters search = new Parameters(m, 0);
                DartsOps.create(op, search, C, 1, false);
                assertEquals(0, search.count());
                assertTrue(search.buffers().containsKey(op + ".bn.running_mean"), search.buffers().keySet().toString());

                Parameters discrete = new Parameters(m, 0);
                Candidate plain = DartsOps.create(op, discrete, C, 1, true);
                assertTrue(discrete.buffers().isEmpty(), "no batch norm: " + discrete.buffers().keySet());
                // a constant input stays constant under either pooling (avg does not count the padding)
                NDArray y = plain.forward(new Feature(m.full(new Shape(1, C, 5, 5), 3f)), true);
                for (float v : y.toFloatArray()) {
                    assertEquals(3f, v, 1e-6, op);
                }
            }
            Parameters affine = new Parameters(m, 0);
            DartsOps.create("sep_conv_3x3", affine, C, 1, true);
            assertEquals(expectedCount("sep_conv_3x3", 1) + 4 * C, affine.count(), "two affine BNs add gamma and beta");
        }
    }

    @Test
    void skipConnectIsTheIdentityAtStrideOne() {
        try (NDManager m = TestDevice.manager()) {
            NDArray x = m.randomNormal(new Shape(1, C, 4, 4));
            NDArray y = DartsOps.create("skip_connect", new Parameters(m, 0), C, 1, false).forward(new Feature(x), true);
            assertEquals(x, y);
        }
    }

    @Test
    void noiseIsStandardNormalOfTheOutputShapeWhateverTheInput() {
        try (NDManager m = TestDevice.manager()) {
            Candidate noise = DartsOps.create("noise", new Parameters(m, 0), C, 2, false);
            NDArray x = m.full(new Shape(8, C, 31, 32), 100f);
            NDArray a = noise.forward(new Feature(x), true);
            NDArray b = noise.forward(new Feature(x), false);
            assertEquals(new Shape(8, C, 16, 16), a.getShape());
            float[] v = a.toFloatArray();
            double mean = 0;
            double sq = 0;
            for (float f : v) {
                mean += f;
                sq += f * f;
            }
            mean /= v.length;
            double var = sq / v.length - mean * mean;
            assertEquals(0, mean, 0.05, "mean of " + v.length + " draws");
            assertEquals(1, var, 0.1, "variance of " + v.length + " draws");
            assertFalse(a.contentEquals(b), "fresh noise on every call");
        }
    }

    @Test
    void parameterNamesFollowTheOp() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            DartsOps.create("dil_conv_5x5", p.child("edge3"), C, 2, false);
            Map<String, NDArray> params = p.params();
            assertEquals(new Shape(C, 1, 5, 5), params.get("edge3.dil_conv_5x5.depthwise.weight").getShape());
            assertEquals(new Shape(C, C, 1, 1), params.get("edge3.dil_conv_5x5.pointwise.weight").getShape());
        }
    }
}
