package org.betadarts.space.darts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.betadarts.io.UserError;
import org.betadarts.space.Genotype;

/**
 * A DARTS cell pair: for the normal and the reduction cell, two (op, input) entries per intermediate
 * node, in node order (entries 0-1 feed node 2, entries 2-3 node 3, ...; an input is a node before
 * it, 0 and 1 being the two previous cells), and the nodes concatenated as output. Written in the
 * usual DARTS notation:
 * {@code Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ...], normal_concat=[2, 3, 4, 5],
 * reduce=[...], reduce_concat=[2, 3, 4, 5])}, or as JSON with the same four fields.
 */
public record DartsGenotype(List<Entry> normal, List<Integer> normalConcat, List<Entry> reduce,
                            List<Integer> reduceConcat) implements Genotype {
    /** One kept edge: the op and the node it reads. */
    public record Entry(String op, int input) {}

    /** Entries per cell: two per intermediate node. */
    public static final int ENTRIES = 2 * DartsCell.STEPS;

    /** @throws UserError saying what is wrong when the cell is not a valid DARTS cell */
    public DartsGenotype {
        normal = List.copyOf(normal);
        normalConcat = List.copyOf(normalConcat);
        reduce = List.copyOf(reduce);
        reduceConcat = List.copyOf(reduceConcat);
        check("normal", normal, normalConcat);
        check("reduce", reduce, reduceConcat);
    }

    private static void check(String cell, List<Entry> entries, List<Integer> concat) {
        if (entries.size() != ENTRIES) {
            throw bad(cell + " has " + entries.size() + " entries, expected " + ENTRIES
                    + " (two per intermediate node)");
        }
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            int node = 2 + k / 2;
            if (!DartsOps.exists(e.op()) || e.op().equals(DartsOps.NONE)) {
                List<String> valid = new ArrayList<>(DartsOps.names());
                valid.remove(DartsOps.NONE);
                throw bad("unknown op '" + e.op() + "' in " + cell + " entry " + k + "; valid ops: "
                        + String.join(", ", valid));
            }
            if (e.input() < 0 || e.input() >= node) {
                throw bad(cell + " entry " + k + " feeds node " + node + " from node " + e.input()
                        + ", expected an input between 0 and " + (node - 1));
            }
            if (k % 2 == 1 && entries.get(k - 1).input() == e.input()) {
                throw bad(cell + " node " + node + " reads node " + e.input() + " twice");
            }
        }
        Set<Integer> seen = new HashSet<>();
        if (concat.isEmpty()) {
            throw bad(cell + "_concat is empty");
        }
        for (int n : concat) {
            if (n < 0 || n >= 2 + DartsCell.STEPS || !seen.add(n)) {
                throw bad(cell + "_concat " + concat + " must list distinct nodes between 0 and "
                        + (1 + DartsCell.STEPS));
            }
        }
    }

    static UserError bad(String why) {
        return new UserError(("bad DARTS genotype: " + why).replace("\r", "\\r").replace("\n", "\\n"));
    }

    /** The cell of a discrete network: the kept edges, one op each, in entry order. */
    public DartsCell.Plan plan(boolean reduction) {
        List<Entry> entries = reduction ? reduce : normal;
        List<DartsCell.Edge> edges = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            edges.add(new DartsCell.Edge(entries.get(k).input(), 2 + k / 2, List.of(entries.get(k).op())));
        }
        return new DartsCell.Plan(edges, reduction ? reduceConcat : normalConcat);
    }

    @Override
    public String text() {
        return "Genotype(normal=" + entriesText(normal) + ", normal_concat=" + normalConcat
                + ", reduce=" + entriesText(reduce) + ", reduce_concat=" + reduceConcat + ")";
    }

    private static String entriesText(List<Entry> entries) {
        return entries.stream().map(e -> "('" + e.op() + "', " + e.input() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        return text();
    }

    /** The JSON form: the four fields, each entry a two-element array [op, input]. */
    @Override
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("normal", normal.stream().map(e -> List.of(e.op(), e.input())).toList());
        m.put("normal_concat", normalConcat);
        m.put("reduce", reduce.stream().map(e -> List.of(e.op(), e.input())).toList());
        m.put("reduce_concat", reduceConcat);
        return m;
    }

    /**
     * Reads a genotype from its DARTS notation (concat lists may also be written {@code range(2, 6)}),
     * from its JSON form, or from a run directory's genotype.json ({@code {"space": ..., "genotype": ...}}).
     *
     * @throws UserError saying what is wrong when the text is malformed
     */
    public static DartsGenotype parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad("the text is empty");
        }
        String s = text.strip();
        return s.startsWith("{") ? fromJson(readJson(s)) : GenotypeNotation.parse(s);
    }

    private static JsonNode readJson(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads the JSON form, or a genotype.json object holding it (or the notation) under "genotype". */
    public static DartsGenotype fromJson(JsonNode node) {
        if (node.has("genotype")) {
            JsonNode inner = node.get("genotype");
            return inner.isTextual() ? GenotypeNotation.parse(inner.asText().strip()) : fromJson(inner);
        }
        for (String field : List.of("normal", "normal_concat", "reduce", "reduce_concat")) {
            if (!node.has(field) || !node.get(field).isArray()) {
                throw bad("JSON field '" + field + "' is missing or not an array");
            }
        }
        return new DartsGenotype(entries(node, "normal"), ints(node, "normal_concat"),
                entries(node, "reduce"), ints(node, "reduce_concat"));
    }

    private static List<Entry> entries(JsonNode node, String field) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : node.get(field)) {
            if (!e.isArray() || e.size() != 2 || !e.get(0).isTextual() || !e.get(1).isIntegralNumber()) {
                throw bad("JSON " + field + " entry " + e + " must be [\"op\", input]");
            }
            out.add(new Entry(e.get(0).asText(), e.get(1).asInt()));
        }
        return out;
    }

    private static List<Integer> ints(JsonNode node, String field) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : node.get(field)) {
            if (!e.isIntegralNumber()) {
                throw bad("JSON " + field + " holds " + e + ", expected node numbers");
            }
            out.add(e.asInt());
        }
        return out;
    }
}
