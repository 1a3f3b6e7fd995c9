package org.betadarts.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class DartsGenotypeTest {
    /** The published DARTS V2 cell, as the reference code prints it. */
    static final String DARTS_V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
            + "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), "
            + "('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), "
            + "('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), "
            + "('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])";

    private static DartsGenotype.Entry e(String op, int input) {
        return new DartsGenotype.Entry(op, input);
    }

    @Test
    void dartsV2ParsesAndPrintsBackTheSameText() {
        DartsGenotype g = DartsGenotype.parse(DARTS_V2);
        assertEquals(DARTS_V2, g.text());
        assertEquals(e("dil_conv_3x3", 2), g.normal().get(7));
        assertEquals(e("max_pool_3x3", 1), g.reduce().get(7));
        assertEquals(List.of(2, 3, 4, 5), g.reduceConcat());
    }

    @Test
    void jsonRoundTripsAndCarriesTheFourFields() throws Exception {
        DartsGenotype g = DartsGenotype.parse(DARTS_V2);
        String json = new ObjectMapper().writeValueAsString(g.json());
        assertTrue(json.startsWith("{\"normal\":[[\"sep_conv_3x3\",0],"), json);
        assertTrue(json.contains("\"reduce_concat\":[2,3,4,5]"), json);
        assertEquals(g, DartsGenotype.parse(json));
        String runFile = new ObjectMapper().writeValueAsString(Map.of("space", "darts", "genotype", g.json()));
        assertEquals(g, DartsGenotype.parse(runFile), "a run directory's genotype.json");
        String textInJson = new ObjectMapper().writeValueAsString(Map.of("genotype", DARTS_V2));
        assertEquals(g, DartsGenotype.parse(textInJson));
    }

    @Test
    void theReferencePrintoutWithRangeAndOtherSpellingsParse() {
        DartsGenotype g = DartsGenotype.parse(DARTS_V2);
        String withRange = DARTS_V2.replace("normal_concat=[2, 3, 4, 5]", "normal_concat=range(2, 6)")
                .replace("reduce_concat=[2, 3, 4, 5]", "reduce_concat=range(2, 6)");
        assertEquals(g, DartsGenotype.parse(withRange));
        String loose = "  (reduce = [(\"max_pool_3x3\",0),(\"max_pool_3x3\",1),(\"skip_connect\",2),(\"max_pool_3x3\",1),"
                + "(\"max_pool_3x3\",0),(\"skip_connect\",2),(\"skip_connect\",2),(\"max_pool_3x3\",1),],\n"
                + " reduce_concat=[2,3,4,5], normal=[('sep_conv_3x3',0),('sep_conv_3x3',1),('sep_conv_3x3',0),"
                + "('sep_conv_3x3',1),('sep_conv_3x3',1),('skip_connect',0),('skip_connect',0),('dil_conv_3x3',2)],"
                + " normal_concat=[2,3,4,5],)\n";
        assertEquals(g, DartsGenotype.parse(loose), "no Genotype prefix, double quotes, other order, trailing commas");
    }

    @Test
    void aDiscretePlanHasTheKeptEdgesWithOneOpEach() {
        DartsGenotype g = DartsGenotype.parse(DARTS_V2);
        DartsCell.Plan plan = g.plan(false);
        assertEquals(8, plan.edges().size());
        assertEquals(new DartsCell.Edge(2, 5, List.of("dil_conv_3x3")), plan.edges().get(7));
        assertEquals(new DartsCell.Edge(1, 3, List.of("sep_conv_3x3")), plan.edges().get(3));
        assertEquals(6, plan.nodes());
        assertEquals(new DartsCell.Edge(1, 2, List.of("max_pool_3x3")), g.plan(true).edges().get(1));
    }

    private static String messageOf(String text) {
        UserError err = assertThrows(UserError.class, () -> DartsGenotype.parse(text), text);
        String m = err.getMessage();
        assertTrue(m.startsWith("bad DARTS genotype"), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void malformedTextSaysWhatIsWrong() {
        assertTrue(messageOf("").contains("empty"));
        assertTrue(messageOf("Genotype(normal=[('sep_conv_3x3', 0)]").contains("expected"));
        assertTrue(messageOf(DARTS_V2.replace("'dil_conv_3x3', 2", "'conv_9x9', 2")).contains("unknown op 'conv_9x9'"));
        assertTrue(messageOf(DARTS_V2.replace("'dil_conv_3x3', 2", "'none', 2")).contains("unknown op 'none'"));
        assertTrue(messageOf(DARTS_V2.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', 5)")).contains("from node 5"));
        assertTrue(messageOf(DARTS_V2.replace("('dil_conv_3x3', 2)]", "('dil_conv_3x3', 2), ('skip_connect', 0)]"))
                .contains("9 entries, expected 8"));
        assertTrue(messageOf(DARTS_V2.replace(", normal_concat=[2, 3, 4, 5]", "")).contains("'normal_concat' is missing"));
        assertTrue(messageOf(DARTS_V2.replace("normal_concat=[2, 3, 4, 5]", "normal_concat=[2, 2]"))
                .contains("distinct"));
        assertTrue(messageOf(DARTS_V2.replace("normal_concat=", "normal_conc=")).contains("unknown field 'normal_conc'"));
        assertTrue(messageOf(DARTS_V2 + " extra").contains("after the closing"));
        assertTrue(messageOf(DARTS_V2.replace("('skip_connect', 0), ('skip_connect', 0)",
                "('skip_connect', 1), ('skip_connect', 1)")).contains("twice"));
        assertTrue(messageOf("Genotype(normal=[('sep_conv_3x3\n").contains("unclosed quote"));
    }

    @Test
    void malformedJsonSaysWhatIsWrong() {
        assertTrue(messageOf("{\"normal\": [").contains("invalid JSON"));
        assertTrue(messageOf("{\"normal\": []}").contains("'normal_concat' is missing"));
        assertTrue(messageOf("{\"normal\": [[\"sep_conv_3x3\"]], \"normal_concat\": [2], \"reduce\": [], "
                + "\"reduce_concat\": [2]}").contains("[\"op\", input]"));
        assertTrue(messageOf("{\"normal\": [], \"normal_concat\": [\"a\"], \"reduce\": [], \"reduce_concat\": [2]}")
                .contains("node numbers"));
    }
}
