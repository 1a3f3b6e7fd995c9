package org.betadarts.report;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.betadarts.experiment.MeanStd;
import org.betadarts.experiment.RunRecord;
import org.betadarts.search.AlphaStats;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.ParameterFreeOps;
import org.betadarts.space.SearchSpace;

/** Numbers over epochs read off a run's files, for the charts; and their mean over seeds. */
final class RunSeries {
    private RunSeries() {}

    /** 0, 1, ... for the α files (epoch 0 is the initial α). */
    static double[] alphaEpochs(RunRecord r) {
        return IntStream.range(0, r.alphas().size()).asDoubleStream().toArray();
    }

    /** A statistic of α after each epoch, the initial α first. */
    static double[] alpha(RunRecord r, ToDoubleFunction<List<float[][]>> statistic) {
        return r.alphas().stream().mapToDouble(statistic).toArray();
    }

    static double alphaMean(List<float[][]> a) {
        return AlphaStats.meanAndVariance(a)[0];
    }

    static double alphaVariance(List<float[][]> a) {
        return AlphaStats.meanAndVariance(a)[1];
    }

    /** The mean over edges of the softmax weight of one op. */
    static double opShare(List<float[][]> a, List<String> ops, String op) {
        return AlphaStats.opShare(AlphaStats.softmax(a), specs(a, ops)).getOrDefault(op, Double.NaN);
    }

    /** The mean over edges of the softmax weight of all parameter-free ops. */
    static double paramFreeWeight(List<float[][]> a, SearchSpace space, List<String> ops) {
        return ParameterFreeOps.weight(space, AlphaStats.opShare(AlphaStats.softmax(a), specs(a, ops)));
    }

    /** Every tensor of {@code a} with the same op columns on every edge. */
    private static List<AlphaSpec> specs(List<float[][]> a, List<String> ops) {
        return a.stream().map(m -> new AlphaSpec("alpha", m.length, ops)).toList();
    }

    /** The softmax weight of op {@code op} on edge {@code edge} of tensor {@code tensor}. */
    static double edgeWeight(List<float[][]> a, int tensor, int edge, int op) {
        return AlphaStats.softmax(List.<float[][]>of(a.get(tensor))).get(0)[edge][op];
    }

    /** The element-wise mean over runs of a series (runs may have different lengths). */
    static double[] mean(List<RunRecord> runs, Function<RunRecord, double[]> series) {
        List<double[]> all = runs.stream().map(series).toList();
        int length = all.stream().mapToInt(s -> s.length).max().orElse(0);
        double[] mean = new double[length];
        for (int i = 0; i < length; i++) {
            int k = i;
            mean[i] = MeanStd.of(all.stream().filter(s -> k < s.length).mapToDouble(s -> s[k]).toArray()).mean();
        }
        return mean;
    }

    /** The longest x values among runs. */
    static double[] longest(List<RunRecord> runs, Function<RunRecord, double[]> x) {
        return runs.stream().map(x).reduce((a, b) -> a.length >= b.length ? a : b).orElse(new double[0]);
    }
}
