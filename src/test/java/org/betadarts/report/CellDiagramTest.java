package org.betadarts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.betadarts.space.CellEdge;
import org.betadarts.space.nb201.Nb201Ops;
import org.junit.jupiter.api.Test;

class CellDiagramTest {
    @Test
    void nb201CellIsFourNodesAndSixLabelledArrows() {
        List<CellEdge> edges = CellDiagram.edges("nb201", ReportTest.CELL).orElseThrow();
        assertEquals(List.of(new CellEdge(0, 1, "nor_conv_3x3"), new CellEdge(0, 2, "skip_connect"),
                new CellEdge(1, 2, "none"), new CellEdge(0, 3, "avg_pool_3x3"),
                new CellEdge(1, 3, "nor_conv_1x1"), new CellEdge(2, 3, "nor_conv_3x3")), edges);
        assertEquals(4, CellDiagram.nodes(edges));
        String svg = CellDiagram.svg(4, edges, Nb201Ops.names(), "c7");
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
        assertEquals(4, ReportTest.count(svg, "<circle"));
        assertEquals(6, ReportTest.count(svg, "marker-end="), "six edges");
        assertEquals(1, ReportTest.count(svg, "stroke-dasharray"), "the none edge is dashed");
        for (String label : List.of(">in<", ">1<", ">2<", ">out<", ">skip_connect<", ">avg_pool_3x3<")) {
            assertTrue(svg.contains(label), label);
        }
        assertTrue(svg.contains("id=\"c7\"") && svg.contains("url(#c7-arrow-"), "ids carry the page-unique prefix");
        assertTrue(CellDiagram.edges("darts", "normal=[...]").isEmpty(), "other spaces: text only");
    }
}
