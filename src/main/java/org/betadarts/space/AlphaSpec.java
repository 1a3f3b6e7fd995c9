package org.betadarts.space;

import java.util.List;

/** One architecture-parameter tensor of a space: a row per edge, a column per candidate op. */
public record AlphaSpec(String name, int edges, List<String> ops) {
    public AlphaSpec {
        ops = List.copyOf(ops);
    }
}
