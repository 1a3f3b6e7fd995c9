package org.betadarts.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.betadarts.experiment.RunRecord;
import org.betadarts.search.AlphaStats;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;

/**
 * The charts that compare groups of runs, one line per group (a regularizer setting; for a single
 * run, the run itself), each line the mean over the group's seeds: the collapse indicators computed
 * from α after every epoch, the Hessian eigenvalue when tracked, and the supernet's validation
 * accuracy and loss.
 */
final class GroupCharts {
    private GroupCharts() {}

    static List<LineChart> collapse(Map<String, List<RunRecord>> groups) {
        List<LineChart> charts = new ArrayList<>();
        charts.add(alphaChart("param-free", "Softmax weight of parameter-free ops", "mean over edges", groups,
                r -> {
                    SearchSpace space = Spaces.byName(r.space());
                    return a -> RunSeries.paramFreeWeight(a, space, r.ops());
                }));
        charts.add(alphaChart("alpha-mean", "Mean of α", "mean α", groups, r -> RunSeries::alphaMean));
        charts.add(alphaChart("alpha-variance", "Variance of α", "variance", groups, r -> RunSeries::alphaVariance)
                .logarithmic());
        charts.add(alphaChart("logsumexp", "Mean logsumexp(α) over edges", "mean logsumexp", groups,
                r -> AlphaStats::meanLogSumExp));
        charts.add(metricChart("hessian", "Dominant eigenvalue of the validation Hessian w.r.t. α", "eigenvalue",
                groups, "hessian_eig"));
        return charts;
    }

    static List<LineChart> training(Map<String, List<RunRecord>> groups) {
        return List.of(metricChart("valid-acc", "Supernet accuracy on the α half", "accuracy", groups, "valid_acc"),
                metricChart("valid-loss", "Supernet loss on the α half", "cross-entropy", groups, "valid_loss"),
                metricChart("train-loss", "Training loss of the weight steps", "cross-entropy", groups, "train_loss"));
    }

    private static LineChart alphaChart(String file, String title, String yLabel, Map<String, List<RunRecord>> groups,
            Function<RunRecord, ToDoubleFunction<List<float[][]>>> statistic) {
        List<LineChart.Series> series = new ArrayList<>();
        groups.forEach((name, runs) -> series.add(new LineChart.Series(name,
                RunSeries.longest(runs, RunSeries::alphaEpochs),
                RunSeries.mean(runs, r -> RunSeries.alpha(r, statistic.apply(r))))));
        return LineChart.of(file, title, yLabel, series);
    }

    private static LineChart metricChart(String file, String title, String yLabel, Map<String, List<RunRecord>> groups,
            String metric) {
        List<LineChart.Series> series = new ArrayList<>();
        groups.forEach((name, runs) -> series.add(new LineChart.Series(name,
                RunSeries.longest(runs, r -> r.metric("epoch")), RunSeries.mean(runs, r -> r.metric(metric)))));
        return LineChart.of(file, title, yLabel, series);
    }
}
