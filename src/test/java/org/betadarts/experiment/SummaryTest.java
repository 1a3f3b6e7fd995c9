package org.betadarts.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.space.nb201.Nb201Table;
import org.betadarts.space.nb201.Nb201Genotype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    static final String CONV = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    static final String SKIPS = "|skip_connect~0|+|skip_connect~0|none~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_1x1~2|";

    @TempDir
    Path tmp;

    @Test
    void meanAndSampleStandardDeviation() {
        MeanStd m = MeanStd.of(1, 2, 3, 6);
        assertEquals(3.0, m.mean(), 1e-12);
        assertEquals(Math.sqrt((4 + 1 + 0 + 9) / 3.0), m.std(), 1e-12);
        assertEquals("3.00 ± 2.16", m.format("%.2f"));
        MeanStd one = MeanStd.of(5, Double.NaN);
        assertEquals(1, one.n());
        assertEquals("5.0", one.format("%.1f"));
        assertTrue(Double.isNaN(one.std()));
        assertEquals("n/a", MeanStd.of().format("%.1f"));
    }

    @Test
    void rowsPerRegularizerOverSeeds() throws Exception {
        RunRecord b0 = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("b0"), "beta-decay", null, 0, CONV, 0.5, 0.8));
        RunRecord b1 = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("b1"), "beta-decay", null, 1, CONV, 0.5, 0.9));
        RunRecord n0 = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("n0"), "none", null, 0, SKIPS, 0.6));
        RunRecord n1 = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("n1"), "none", null, 1, CONV, 0.7));
        RunRecord unfinished = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("u"), "none", null, 2, null, 0.1));
        RunRecord weighted = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("l"), "l2", "0.5", 0, SKIPS, 0.4));

        List<Summary.Row> rows = Summary.compute(List.of(b0, weighted, unfinished, n1, b1, n0));
        assertEquals(List.of("beta-decay", "l2=0.5", "none"), rows.stream().map(Summary.Row::label).toList(),
                "in the order of each setting's first run; unfinished runs left out");

        Summary.Row none = rows.get(2);
        assertEquals(2, none.runs());
        assertEquals(65.0, none.validAcc().mean(), 1e-9);
        assertEquals(Math.sqrt(50), none.validAcc().std(), 1e-9);
        // SKIPS: skip, skip, none, skip, pool, conv -> 5 of 6; CONV: one skip of 6
        assertEquals((5 / 6.0 + 1 / 6.0) / 2 * 100, none.paramFree().mean(), 1e-9);
        assertEquals(2, none.distinctCells());
        Nb201Table.Row conv = Nb201Table.load().lookup(Nb201Genotype.parse(CONV));
        Nb201Table.Row skips = Nb201Table.load().lookup(Nb201Genotype.parse(SKIPS));
        assertEquals((conv.cifar10Test() + skips.cifar10Test()) / 2, none.benchmark().get("cifar10_test").mean(), 1e-9);
        assertEquals(Math.abs(conv.imagenet16Valid() - skips.imagenet16Valid()) / Math.sqrt(2),
                none.benchmark().get("imagenet16_valid").std(), 1e-9);
        assertEquals(6, none.benchmark().size());

        Summary.Row beta = rows.get(0);
        assertEquals(85.0, beta.validAcc().mean(), 1e-9, "the last epoch's accuracy");
        assertEquals(1, beta.distinctCells());
        assertEquals(0.0, beta.benchmark().get("cifar100_valid").std(), 1e-12);
        // the last α of the fixture is the same for every run of two epochs: values (3 (c - 2) / 10 + r / 100)
        double[] values = new double[30];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 5; c++) {
                values[r * 5 + c] = (float) (3 * (c - 2) / 10.0 + r / 100.0);
            }
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double var = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / 30;
        assertEquals(var, beta.alphaVar().mean(), 1e-6);
    }

    @Test
    void filesHoldTheTable() throws Exception {
        List<RunRecord> runs = List.of(
                RunRecord.read(RunFixtures.nb201Run(tmp.resolve("a"), "none", null, 0, SKIPS, 0.6)),
                RunRecord.read(RunFixtures.nb201Run(tmp.resolve("b"), "none", null, 1, CONV, 0.7)),
                RunRecord.read(RunFixtures.nb201Run(tmp.resolve("c"), "beta-decay", null, 0, CONV, 0.75)));
        Summary.write(tmp, Summary.compute(runs));
        List<String> csv = Files.readAllLines(tmp.resolve(Summary.CSV));
        assertEquals(3, csv.size());
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(9 + 12, header.size());
        assertTrue(header.containsAll(List.of("regularizer", "runs", "search_valid_acc_mean", "param_free_pct_std",
                "distinct_cells", "cifar10_valid_mean", "imagenet16_test_std")), header.toString());
        Map<String, String> none = row(header, csv.get(1));
        assertEquals("none", none.get("regularizer"));
        assertEquals("2", none.get("runs"));
        assertEquals(65.0, Double.parseDouble(none.get("search_valid_acc_mean")), 1e-4);
        Map<String, String> beta = row(header, csv.get(2));
        assertEquals("", beta.get("search_valid_acc_std"), "one seed: no deviation");

        String md = Files.readString(tmp.resolve(Summary.MARKDOWN));
        List<String> lines = md.lines().toList();
        assertTrue(lines.get(0).startsWith("| regularizer | runs | search valid acc %"), lines.get(0));
        assertTrue(lines.get(2).startsWith("| none | 2 | 65.00 ± 7.07 | 50.0 ± 47.1 |"), lines.get(2));
        assertTrue(lines.get(3).startsWith("| beta-decay | 1 | 75.00 | 16.7 |"), lines.get(3));
        assertTrue(md.contains("sample standard deviation"), md);
    }

    private static Map<String, String> row(List<String> header, String line) {
        String[] f = line.split(",", -1);
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), f[i]);
        }
        return m;
    }

    @Test
    void genotypeOpsAreTheOpNamesOfTheCellText() throws Exception {
        RunRecord r = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("r"), "none", null, 0, SKIPS, 0.5));
        assertEquals(List.of("skip_connect", "skip_connect", "none", "skip_connect", "avg_pool_3x3", "nor_conv_1x1"),
                r.genotypeOps());
        assertEquals(2, r.alphas().size());
        assertEquals(List.of("cell"), r.tensorNames());
        assertEquals("none", r.label());
        assertEquals("none", r.perturbation(), "settings written before perturbations: none");
        assertEquals(0.5, r.finalValidAccuracy(), 0);
    }

    @Test
    void labelsNameThePerturbation() throws Exception {
        String[] expected = {"sdarts-rs", "sdarts-adv", "l2=0.5+random", "beta-decay", "beta-decay+adversarial"};
        Experiment.Run[] runs = {new Experiment.Run("none", null, "random", 0),
            new Experiment.Run("none", null, "adversarial", 0), new Experiment.Run("l2", "0.5", "random", 0),
            new Experiment.Run("beta-decay", null, "none", 0), new Experiment.Run("beta-decay", null, "adversarial", 0)};
        for (int i = 0; i < runs.length; i++) {
            RunRecord r = RunRecord.read(RunFixtures.nb201Run(tmp.resolve("r" + i), runs[i], SKIPS, 0.5));
            assertEquals(expected[i], r.label());
            assertEquals(runs[i].perturbation(), r.perturbation());
        }
    }
}
