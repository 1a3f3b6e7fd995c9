package org.betadarts.cli;

import java.util.Map;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.betadarts.search.SearchListener;

/**
 * A progress bar with ETA on standard error, plus one summary line per epoch, for any loop of epochs: the
 * task name labels the bar and a function writes the epoch line from the epoch's metrics.
 */
final class ProgressDisplay implements SearchListener, AutoCloseable {
    private final String task;
    private final boolean quiet;
    private final int epochs;
    private final Function<Map<String, Object>, String> epochLine;
    private ProgressBar bar;

    /** The display of a search. */
    ProgressDisplay(boolean quiet, int epochs) {
        this("search", quiet, epochs, m -> String.format("epoch %s/%d  train loss %.3f acc %.1f%%  "
                        + "valid loss %.3f acc %.1f%%  beta term %.4f  %s  (%.1f s)",
                m.get("epoch"), epochs, (double) m.get("train_loss"), 100 * (double) m.get("train_acc"),
                (double) m.get("valid_loss"), 100 * (double) m.get("valid_acc"),
                (double) m.get("beta_term"), m.get("genotype"), (double) m.get("seconds")));
    }

    ProgressDisplay(String task, boolean quiet, int epochs, Function<Map<String, Object>, String> epochLine) {
        this.task = task;
        this.quiet = quiet;
        this.epochs = epochs;
        this.epochLine = epochLine;
    }

    @Override
    public void started(long totalSteps, long doneSteps) {
        if (quiet) {
            return;
        }
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        bar.stepTo(doneSteps);
    }

    @Override
    public void stepped(int epoch, int step, double trainLoss, double trainAccuracy) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(" epoch %d/%d loss %.3f acc %.1f%%",
                    epoch + 1, epochs, trainLoss, trainAccuracy * 100));
        }
    }

    @Override
    public void epochEnded(Map<String, Object> m) {
        String line = epochLine.apply(m);
        if (bar != null) {
            // print above the bar
            System.err.print("\r" + " ".repeat(120) + "\r");
        }
        System.err.println(line);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
