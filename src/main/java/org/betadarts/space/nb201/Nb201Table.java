package org.betadarts.space.nb201;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.betadarts.io.UserError;

/**
 * The NAS-Bench-201 results: accuracies and size of every one of the 15,625 cells, read once from the
 * bundled {@code nb201.csv} (see {@code NB201-README.md} next to it for columns and sources).
 */
public final class Nb201Table {
    /** Number of cells in the space, 5^6. */
    public static final int SIZE = 15625;
    static final String RESOURCE = "nb201.csv";
    static final String HEADER = "arch,cifar10_valid_acc,cifar10_test_acc,cifar100_valid_acc,"
            + "cifar100_test_acc,imagenet16_valid_acc,imagenet16_test_acc,params_m";

    /**
     * One cell's results. Accuracies are percentages averaged over the benchmark's seeds after 200
     * epochs; {@code paramsM} is the CIFAR-10 network's parameter count in millions.
     */
    public record Row(int index, Nb201Genotype arch, double cifar10Valid, double cifar10Test,
            double cifar100Valid, double cifar100Test, double imagenet16Valid, double imagenet16Test,
            double paramsM) {

        /** A readable multi-line table of this row, ending in a newline. */
        public String format() {
            return String.format(Locale.ROOT,
                    "arch                       %s%n"
                    + "index                      %d%n"
                    + "CIFAR-10 valid/test        %.2f / %.2f%n"
                    + "CIFAR-100 valid/test       %.2f / %.2f%n"
                    + "ImageNet16-120 valid/test  %.2f / %.2f%n"
                    + "params                     %.6f M%n",
                    arch.toArchString(), index, cifar10Valid, cifar10Test, cifar100Valid, cifar100Test,
                    imagenet16Valid, imagenet16Test, paramsM);
        }
    }

    private static final class Holder {
        static final Nb201Table TABLE = read();
    }

    private final List<Row> rows;
    private final Map<Nb201Genotype, Row> byArch;

    private Nb201Table(List<Row> rows) {
        this.rows = List.copyOf(rows);
        this.byArch = new HashMap<>();
        for (Row r : rows) {
            if (byArch.put(r.arch(), r) != null) {
                throw new IllegalStateException(RESOURCE + ": " + r.arch() + " appears twice");
            }
        }
    }

    /** The table, read from the classpath on first use. */
    public static Nb201Table load() {
        return Holder.TABLE;
    }

    /** Number of rows, {@value #SIZE}. */
    public int size() {
        return rows.size();
    }

    /** The row of NAS-Bench-201 index {@code index}; a {@link UserError} if there is none. */
    public Row row(int index) {
        if (index < 0 || index >= rows.size()) {
            throw new UserError("NAS-Bench-201 index " + index + " is outside 0.." + (rows.size() - 1));
        }
        return rows.get(index);
    }

    /** The row of {@code arch}, if the table has it. */
    public Optional<Row> find(Nb201Genotype arch) {
        return Optional.ofNullable(byArch.get(arch));
    }

    /** The row of {@code arch}; every cell of the space has one. */
    public Row lookup(Nb201Genotype arch) {
        return find(arch).orElseThrow(() -> new IllegalStateException(RESOURCE + " lacks " + arch));
    }

    private static Nb201Table read() {
        try (InputStream in = Nb201Table.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Nb201Table parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (!HEADER.equals(header)) {
            throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
        }
        List<Row> rows = new ArrayList<>(SIZE);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isEmpty()) {
                rows.add(parseRow(rows.size(), line));
            }
        }
        if (rows.size() != SIZE) {
            throw new IllegalStateException(RESOURCE + ": " + rows.size() + " rows, expected " + SIZE);
        }
        return new Nb201Table(rows);
    }

    private static Row parseRow(int index, String line) {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new IllegalStateException(RESOURCE + " row " + index + ": " + f.length + " fields, expected 8");
        }
        double[] v = new double[7];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(f[i + 1]);
        }
        return new Row(index, Nb201Genotype.parse(f[0]), v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
