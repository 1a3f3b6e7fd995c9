package org.betadarts.space.darts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;

/**
 * Reads the DARTS notation of a genotype, a Python namedtuple as the reference code prints it:
 * {@code Genotype(normal=[('op', 0), ...], normal_concat=[2, 3, 4, 5], reduce=[...], reduce_concat=range(2, 6))}.
 * The leading {@code Genotype} is optional, quotes may be single or double, fields come in any order.
 */
final class GenotypeNotation {
    private static final List<String> FIELDS = List.of("normal", "normal_concat", "reduce", "reduce_concat");

    private final String text;
    private int pos;

    private GenotypeNotation(String text) {
        this.text = text;
    }

    static DartsGenotype parse(String text) {
        return new GenotypeNotation(text).genotype();
    }

    @SuppressWarnings("unchecked")
    private DartsGenotype genotype() {
        skipSpace();
        if (text.startsWith("Genotype", pos)) {
            pos += "Genotype".length();
        }
        expect('(');
        Map<String, Object> fields = new HashMap<>();
        while (!accept(')')) {
            int at = pos;
            String key = word();
            if (!FIELDS.contains(key)) {
                throw fail(at, "unknown field '" + key + "', expected one of " + FIELDS);
            }
            expect('=');
            Object value = key.endsWith("_concat") ? concat() : entries();
            if (fields.put(key, value) != null) {
                throw fail(at, "field '" + key + "' is given twice");
            }
            if (!accept(',')) {
                expect(')');
                break;
            }
        }
        skipSpace();
        if (pos != text.length()) {
            throw fail(pos, "unexpected text after the closing ')'");
        }
        for (String f : FIELDS) {
            if (!fields.containsKey(f)) {
                throw fail(pos, "field '" + f + "' is missing");
            }
        }
        return new DartsGenotype((List<DartsGenotype.Entry>) fields.get("normal"),
                (List<Integer>) fields.get("normal_concat"), (List<DartsGenotype.Entry>) fields.get("reduce"),
                (List<Integer>) fields.get("reduce_concat"));
    }

    private List<DartsGenotype.Entry> entries() {
        expect('[');
        List<DartsGenotype.Entry> out = new ArrayList<>();
        while (!accept(']')) {
            expect('(');
            String op = string();
            expect(',');
            int input = integer();
            accept(',');
            expect(')');
            out.add(new DartsGenotype.Entry(op, input));
            if (!accept(',')) {
                expect(']');
                break;
            }
        }
        return out;
    }

    private List<Integer> concat() {
        skipSpace();
        List<Integer> out = new ArrayList<>();
        if (text.startsWith("range", pos)) {
            pos += "range".length();
            expect('(');
            int from = integer();
            expect(',');
            int to = integer();
            expect(')');
            for (int i = from; i < to; i++) {
                out.add(i);
            }
            return out;
        }
        expect('[');
        while (!accept(']')) {
            out.add(integer());
            if (!accept(',')) {
                expect(']');
                break;
            }
        }
        return out;
    }

    private String string() {
        skipSpace();
        char quote = pos < text.length() ? text.charAt(pos) : 0;
        if (quote != '\'' && quote != '"') {
            throw fail(pos, "expected a quoted op name");
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw fail(pos, "unclosed quote");
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private int integer() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos || pos - start > 9) {
            throw fail(start, "expected a node number");
        }
        return Integer.parseInt(text.substring(start, pos));
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw fail(start, "expected a field name");
        }
        return text.substring(start, pos);
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw fail(pos, "expected '" + c + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private UserError fail(int at, String why) {
        String near = at >= text.length() ? "at the end" : "at character " + (at + 1) + " ('"
                + text.substring(at, Math.min(text.length(), at + 20)) + "')";
        return DartsGenotype.bad(why + " " + near);
    }
}
