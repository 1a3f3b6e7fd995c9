package org.betadarts.report;

import java.awt.Color;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.betadarts.space.CellEdge;
import org.betadarts.space.Spaces;

/**
 * A drawing of a found cell as inline SVG: nodes on a line, left to right, each edge an arrow from
 * its input node labelled with its op. Edges between neighbours are straight; longer ones arc,
 * alternately above and below. The zero op ({@code none}) is drawn dashed and grey. Op colours follow
 * the column order of α, as in the charts.
 */
public final class CellDiagram {
    private static final int GAP = 150;
    private static final int MARGIN = 50;
    private static final int RADIUS = 20;

    private CellDiagram() {}

    /** The edges of a genotype given in a space's text form, for the spaces whose cells can be drawn. */
    public static Optional<List<CellEdge>> edges(String space, String genotype) {
        return genotype == null ? Optional.empty() : Spaces.byName(space).drawing(genotype);
    }

    /**
     * @param nodes the number of nodes; node 0 is the cell input, the last the output
     * @param ops the op names in α column order, for colours
     * @param id a prefix unique on the page
     */
    public static String svg(int nodes, List<CellEdge> edges, List<String> ops, String id) {
        int width = 2 * MARGIN + GAP * (nodes - 1);
        int height = 300;
        int mid = 150;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" class=\"cell\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">",
                id, width, height, width, height));
        Set<String> colours = new LinkedHashSet<>();
        edges.forEach(e -> colours.add(colourOf(e.op(), ops)));
        b.append("<defs>");
        for (String c : colours) {
            b.append(String.format("<marker id=\"%s-arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
                    + "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
                    + "fill=\"%s\"/></marker>", id, c.substring(1), c));
        }
        b.append("</defs>");
        Map<Integer, Integer> perSpan = new HashMap<>();
        for (CellEdge e : edges) {
            int span = e.to() - e.from();
            int k = perSpan.merge(span, 1, Integer::sum) - 1;
            double x0 = MARGIN + GAP * e.from() + RADIUS;
            double x1 = MARGIN + GAP * e.to() - RADIUS;
            double bend = span == 1 ? 0 : (k % 2 == 0 ? -1 : 1) * (40 + 35 * (span - 1 + k / 2));
            double cx = (x0 + x1) / 2;
            double cy = mid + 2 * bend;
            String colour = colourOf(e.op(), ops);
            b.append(String.format(Locale.ROOT, "<path d=\"M%.1f,%d Q%.1f,%.1f %.1f,%d\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2.5\"%s marker-end=\"url(#%s-arrow-%s)\"><title>%s</title></path>",
                    x0, mid, cx, cy, x1, mid, colour, e.op().equals("none") ? " stroke-dasharray=\"6 4\"" : "", id,
                    colour.substring(1),
                    Html.escape(e.to() + " <- " + e.from() + ": " + e.op())));
            // the curve's middle is (P0 + 2C + P2) / 4 = mid + bend; the label sits just outside it
            double ly = mid + bend + (bend > 0 ? 16 : -7);
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\" "
                    + "stroke=\"white\" stroke-width=\"4\" paint-order=\"stroke\">%s</text>",
                    cx, ly, colour, Html.escape(e.op())));
        }
        for (int n = 0; n < nodes; n++) {
            String label = n == 0 ? "in" : n == nodes - 1 ? "out" : Integer.toString(n);
            b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#f4f4f4\" stroke=\"#333\" "
                    + "stroke-width=\"1.5\"/><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>",
                    MARGIN + GAP * n, mid, RADIUS, MARGIN + GAP * n, mid + 5, label));
        }
        return b.append("</svg>").toString();
    }

    /** The colour of an op as #rrggbb: its α column's colour in the charts; grey for none. */
    static String colourOf(String op, List<String> ops) {
        if (op.equals("none")) {
            return "#999999";
        }
        Color c = Charts.PALETTE.get(Math.max(0, ops.indexOf(op)) % Charts.PALETTE.size());
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** The number of nodes the edges join. */
    public static int nodes(List<CellEdge> edges) {
        Set<Integer> n = new LinkedHashSet<>();
        edges.forEach(e -> {
            n.add(e.from());
            n.add(e.to());
        });
        return n.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }
}
