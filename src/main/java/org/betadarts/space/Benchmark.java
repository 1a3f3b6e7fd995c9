package org.betadarts.space;

import java.util.List;

/**
 * The published results of every cell of a space (NAS-Bench-201's table), looked up by genotype:
 * what searches, trainings, summaries and reports show beside a found cell.
 */
public interface Benchmark {
    /** A column the summary of an experiment adds: {@code key} names its CSV columns, {@code title} its table's. */
    record Column(String key, String title) {}

    /** The summary's columns, in order. */
    List<Column> columns();

    /** The values of {@link #columns()} for {@code cell}, in their order. */
    double[] values(Genotype cell);

    /** A sentence saying what the columns mean. */
    String legend();

    /** The results of {@code cell} as a readable table of several lines, ending in a newline. */
    String format(Genotype cell);

    /** The headline results of {@code cell} in one line. */
    String brief(Genotype cell);

    /** The results of {@code cell} as a value for JSON. */
    Object json(Genotype cell);

    /** The results of {@code cell} as a table: the header, then one row. */
    List<List<String>> table(Genotype cell);
}
