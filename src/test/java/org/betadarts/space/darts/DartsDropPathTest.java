package org.betadarts.space.darts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.betadarts.nn.DropPath;
import org.betadarts.nn.Parameters;
import org.betadarts.nn.TestDevice;
import org.junit.jupiter.api.Test;

class DartsDropPathTest {
    private static String cell(String op) {
        String entries = "[('" + op + "', 0), ('" + op + "', 1), ('" + op + "', 0), ('" + op + "', 2), ('" + op
                + "', 1), ('" + op + "', 3), ('" + op + "', 2), ('" + op + "', 4)]";
        return "Genotype(normal=" + entries + ", normal_concat=[2, 3, 4, 5], reduce=" + entries
                + ", reduce_concat=[2, 3, 4, 5])";
    }

    private static float[][] withAndWithout(String op) {
        DartsGenotype g = DartsGenotype.parse(cell(op));
        try (NDManager m = TestDevice.manager()) {
            DartsCell c = new DartsCell(new Parameters(m, 1), 3, 3, 2, false, false, g.plan(false), true);
            NDArray s0 = m.randomNormal(new Shape(8, 3, 4, 4));
            NDArray s1 = m.randomNormal(new Shape(8, 3, 4, 4));
            NDArray ones = m.ones(new Shape(8, 1));
            float[] plain = c.forward(s0, s1, ones, true).toFloatArray();
            float[] dropped = c.forward(s0, s1, ones, true, new DropPath(0.5, new Random(2))).toFloatArray();
            return new float[][] {plain, dropped};
        }
    }

    @Test
    void dropPathSparesIdentityEdgesAndDropsTheOthers() {
        float[][] skips = withAndWithout("skip_connect");
        assertArrayEquals(skips[0], skips[1], 0f);
        float[][] convs = withAndWithout("sep_conv_3x3");
        assertFalse(Arrays.equals(convs[0], convs[1]));
    }
}
