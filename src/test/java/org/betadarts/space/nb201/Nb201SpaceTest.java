package org.betadarts.space.nb201;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.NetworkShape;
import org.betadarts.space.SupernetModel;
import org.junit.jupiter.api.Test;

class Nb201SpaceTest {
    /**
     * Trainable scalars of the search network, counted layer by layer: stem conv3x3 + affine BN;
     * per cell 6 edges of conv1x1 + conv3x3 (cell BN is not affine); two residual blocks
     * (conv3x3 s2 + BN, conv3x3 + BN, shortcut conv1x1); last BN; linear.
     */
    static long expectedCount(NetworkShape s) {
        long c = s.channels();
        long n = 0;
        n += s.inputChannels() * c * 9 + 2 * c;
        long ch = c;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                long out = 2 * ch;
                n += 9 * ch * out + 2 * out + 9 * out * out + 2 * out + ch * out;
                ch = out;
            }
            n += s.cells() * 6L * (ch * ch + 9 * ch * ch);
        }
        n += 2 * ch;
        n += ch * s.classes() + s.classes();
        return n;
    }

    @Test
    void opsAreTheTableOpsInAlphaColumnOrder() {
        List<AlphaSpec> alphas = new Nb201Space().alphas();
        assertEquals(1, alphas.size());
        assertEquals(6, alphas.get(0).edges());
        assertEquals(Nb201Ops.names(), alphas.get(0).ops(0));
        assertTrue(alphas.get(0).uniform());
    }

    @Test
    void searchNetworkHasTheKnownSize() {
        NetworkShape shape = new NetworkShape(3, 10, 16, 5);
        assertEquals(1_686_106L, expectedCount(shape), "the layer-by-layer count itself");
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            new Nb201Space().supernet(p, shape);
            assertEquals(1_686_106L, p.count());
            for (String name : p.params().keySet()) {
                assertFalse(name.matches(".*edge\\d+\\..*bn\\..*"), "cell batch norm is not affine: " + name);
            }
        }
    }

    @Test
    void otherShapesHaveTheLayerByLayerSize() {
        try (NDManager m = TestDevice.manager()) {
            for (NetworkShape shape : List.of(new NetworkShape(1, 10, 8, 2), new NetworkShape(3, 100, 4, 1))) {
                Parameters p = new Parameters(m, 0);
                new Nb201Space().supernet(p, shape);
                assertEquals(expectedCount(shape), p.count(), shape.toString());
            }
        }
    }

    private static NDArray softmaxWeights(NDManager m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[30];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (1e-3 * r.nextGaussian());
        }
        return m.create(a, new Shape(6, 5)).softmax(1);
    }

    @Test
    void logitsHaveOneRowPerImage() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            SupernetModel net = new Nb201Space().supernet(p, new NetworkShape(3, 10, 16, 5));
            NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
            NDArray logits = net.forward(x, List.of(softmaxWeights(m, 1)), true);
            assertEquals(new Shape(2, 10), logits.getShape());
            for (float v : logits.toFloatArray()) {
                assertTrue(Float.isFinite(v));
            }
            NDArray eval = net.forward(x, List.of(softmaxWeights(m, 1)), false);
            assertEquals(new Shape(2, 10), eval.getShape());
        }
    }

    @Test
    void oneChannelTwentyEightPixelImagesWork() {
        try (NDManager m = TestDevice.manager()) {
            Parameters p = new Parameters(m, 0);
            SupernetModel net = new Nb201Space().supernet(p, new NetworkShape(1, 10, 4, 1));
            NDArray logits = net.forward(m.randomNormal(new Shape(3, 1, 28, 28)),
                    List.of(softmaxWeights(m, 2)), true);
            assertEquals(new Shape(3, 10), logits.getShape());
            for (float v : logits.toFloatArray()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void sameSeedSameWeights() {
        try (NDManager m = TestDevice.manager()) {
            Parameters a = new Parameters(m, 42);
            Parameters b = new Parameters(m, 42);
            Parameters c = new Parameters(m, 43);
            NetworkShape shape = new NetworkShape(3, 10, 4, 1);
            new Nb201Space().supernet(a, shape);
            new Nb201Space().supernet(b, shape);
            new Nb201Space().supernet(c, shape);
            String name = "stem.conv.weight";
            assertArrayEquals(a.params().get(name).toFloatArray(), b.params().get(name).toFloatArray(), 0);
            assertFalse(java.util.Arrays.equals(a.params().get(name).toFloatArray(),
                    c.params().get(name).toFloatArray()));
        }
    }

    @Test
    void deriveTakesTheArgmaxOfEveryEdgeIncludingNone() {
        float[][] alpha = {
            {0.9f, 0.1f, 0.2f, 0.3f, 0.4f},   // none wins
            {0f, 0.5f, 0.1f, 0.1f, 0.1f},     // skip_connect
            {-1f, -2f, -0.5f, -3f, -4f},      // nor_conv_1x1, all negative
            {0f, 0f, 0f, 1e-3f, 0f},          // nor_conv_3x3 by a small margin
            {0f, 0f, 0f, 0f, 2f},             // avg_pool_3x3, the last column
            {0.2f, 0.1f, 0.3f, 0.3f, 0.3f},   // tie among 2, 3, 4: the lowest index
        };
        Nb201Genotype g = (Nb201Genotype) new Nb201Space().derive(List.<float[][]>of(alpha));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 2}, g.opIndices());
        assertEquals("|none~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_1x1~2|",
                g.text());

        float[][] equal = new float[6][5];
        assertEquals("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
                new Nb201Space().derive(List.<float[][]>of(equal)).text(), "all ties: none, the first column");

        float[][] tieFirst = new float[6][];
        for (int e = 0; e < 6; e++) {
            tieFirst[e] = new float[] {0f, 1f, 1f, 0f, 1f};
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1},
                ((Nb201Genotype) new Nb201Space().derive(List.<float[][]>of(tieFirst))).opIndices());
    }
}
