package org.betadarts.space.nb201;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.betadarts.space.Benchmark;
import org.betadarts.space.Genotype;

/** NAS-Bench-201's results of a cell ({@link Nb201Table}) as searches, trainings and reports show them. */
final class Nb201Benchmark implements Benchmark {
    private static final List<Column> COLUMNS = List.of(new Column("cifar10_valid", "C10 valid"),
            new Column("cifar10_test", "C10 test"), new Column("cifar100_valid", "C100 valid"),
            new Column("cifar100_test", "C100 test"), new Column("imagenet16_valid", "IN16 valid"),
            new Column("imagenet16_test", "IN16 test"));

    private static Nb201Table.Row row(Genotype cell) {
        return Nb201Table.load().lookup((Nb201Genotype) cell);
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public double[] values(Genotype cell) {
        Nb201Table.Row r = row(cell);
        return new double[] {r.cifar10Valid(), r.cifar10Test(), r.cifar100Valid(), r.cifar100Test(),
            r.imagenet16Valid(), r.imagenet16Test()};
    }

    @Override
    public String legend() {
        return "C10/C100/IN16: NAS-Bench-201 accuracies of the found cells on CIFAR-10, CIFAR-100 and ImageNet16-120.";
    }

    @Override
    public String format(Genotype cell) {
        return row(cell).format();
    }

    @Override
    public String brief(Genotype cell) {
        Nb201Table.Row r = row(cell);
        return String.format(Locale.ROOT, "NAS-Bench-201:  %.2f%% CIFAR-10 test after 200 epochs, %.6f M parameters "
                + "(index %d)", r.cifar10Test(), r.paramsM(), r.index());
    }

    @Override
    public Object json(Genotype cell) {
        return row(cell);
    }

    @Override
    public List<List<String>> table(Genotype cell) {
        List<String> header = new ArrayList<>(List.of("NAS-Bench-201"));
        COLUMNS.forEach(c -> header.add(c.title()));
        header.add("params (M)");
        Nb201Table.Row r = row(cell);
        List<String> values = new ArrayList<>(List.of("index " + r.index()));
        for (double v : values(cell)) {
            values.add(String.format(Locale.ROOT, "%.2f", v));
        }
        values.add(String.format(Locale.ROOT, "%.3f", r.paramsM()));
        return List.of(header, values);
    }
}
