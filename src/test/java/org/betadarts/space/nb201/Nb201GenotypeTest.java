package org.betadarts.space.nb201;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class Nb201GenotypeTest {
    static final String BETA =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    @Test
    void opsAreInAlphaColumnOrder() {
        assertEquals(List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"),
                Nb201Ops.names());
        assertEquals(6, Nb201Cell.EDGES);
    }

    @Test
    void edgesRunInOrder() {
        int[][] expected = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            assertEquals(expected[e][0], Nb201Cell.edgeFrom(e));
            assertEquals(expected[e][1], Nb201Cell.edgeTo(e));
            assertEquals(e, Nb201Cell.edgeIndex(expected[e][0], expected[e][1]));
        }
        assertThrows(IllegalArgumentException.class, () -> Nb201Cell.edgeIndex(2, 1));
    }

    @Test
    void parseGivesEachEdgeItsOp() {
        Nb201Genotype g = Nb201Genotype.parse(
                "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|none~0|nor_conv_3x3~1|skip_connect~2|");
        assertEquals(List.of("avg_pool_3x3", "nor_conv_1x1", "skip_connect", "none", "nor_conv_3x3", "skip_connect"),
                g.ops());
        assertArrayEquals(new int[] {4, 2, 1, 0, 3, 1}, g.opIndices());
        assertEquals("nor_conv_3x3", g.op(4));
        assertEquals(3, g.opIndex(4));
    }

    @Test
    void printAndParseRoundTrip() {
        Nb201Genotype g = Nb201Genotype.parse(BETA);
        assertEquals(BETA, g.toArchString());
        assertEquals(BETA, g.toString());
        assertEquals(g, Nb201Genotype.parse(g.toArchString()));
        assertEquals(g, Nb201Genotype.ofOpIndices(3, 3, 3, 1, 3, 3));
        assertEquals(g.hashCode(), Nb201Genotype.ofOpIndices(3, 3, 3, 1, 3, 3).hashCode());
        assertNotEquals(g, Nb201Genotype.ofOpIndices(3, 3, 3, 1, 3, 2));
        assertEquals(g, Nb201Genotype.parse("  " + BETA + "\n"));
    }

    @Test
    void isImmutable() {
        int[] idx = {0, 1, 2, 3, 4, 0};
        Nb201Genotype g = Nb201Genotype.ofOpIndices(idx);
        idx[0] = 4;
        g.opIndices()[1] = 4;
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0}, g.opIndices());
    }

    @Test
    void ofOpIndicesRejectsBadIndices() {
        assertThrows(IllegalArgumentException.class, () -> Nb201Genotype.ofOpIndices(0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Nb201Genotype.ofOpIndices(0, 0, 0, 0, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> Nb201Genotype.ofOpIndices(-1, 0, 0, 0, 0, 0));
    }

    @Test
    void unknownOpIsNamedWithTheValidOnes() {
        String msg = parseError("|nor_conv_3x3~0|+|conv_5x5~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|");
        assertTrue(msg.contains("unknown op 'conv_5x5' on edge 2<-0"), msg);
        assertTrue(msg.contains("none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3"), msg);
    }

    @Test
    void wrongNodeCount() {
        String msg = parseError("|none~0|+|none~0|none~1|");
        assertTrue(msg.contains("2 node(s)") && msg.contains("expected 3"), msg);
        msg = parseError("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|+|none~0|");
        assertTrue(msg.contains("4 node(s)"), msg);
    }

    @Test
    void wrongEdgeCountForANode() {
        String msg = parseError("|none~0|+|none~0|+|none~0|none~1|none~2|");
        assertTrue(msg.contains("node 2 has 1 edge(s), expected 2"), msg);
        msg = parseError("|none~0|none~1|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertTrue(msg.contains("node 1 has 2 edge(s), expected 1"), msg);
    }

    @Test
    void wrongInputIndex() {
        String msg = parseError("|none~0|+|none~0|none~1|+|none~0|none~2|none~1|");
        assertTrue(msg.contains("edge 'none~2' of node 3 has input '~2', expected '~1'"), msg);
        msg = parseError("|none~1|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertTrue(msg.contains("expected '~0'"), msg);
    }

    @Test
    void missingTildeOrBars() {
        String msg = parseError("|none|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertTrue(msg.contains("edge 'none' of node 1 lacks its input '~0'"), msg);
        msg = parseError("none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertTrue(msg.contains("node 1 'none~0|' must start and end with '|'"), msg);
        msg = parseError("|none~0|+|none~0|none~1+|none~0|none~1|none~2|");
        assertTrue(msg.contains("node 2 '|none~0|none~1' must start and end with '|'"), msg);
        msg = parseError("|none~0|+|none~0|none~1|+none~0 none~1 none~2");
        assertTrue(msg.contains("node 3"), msg);
    }

    @Test
    void emptyAndMissing() {
        assertTrue(parseError("   ").contains("it is empty"));
        assertTrue(parseError(null).contains("missing"));
    }

    @Test
    void messagesAreOneLineAndQuoteTheInput() {
        String bad = "|none~0|\n+|none~0|none~1|+|none~0|none~1|none~2|";
        String msg = parseError(bad);
        assertFalse(msg.contains("\n"), msg);
        assertTrue(msg.startsWith("bad NAS-Bench-201 arch '|none~0|\\n+|"), msg);
    }

    private static String parseError(String arch) {
        return assertThrows(UserError.class, () -> Nb201Genotype.parse(arch)).getMessage();
    }
}
