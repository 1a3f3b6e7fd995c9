package org.betadarts.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.betadarts.data.ChannelStats;
import org.betadarts.data.DataOptions;
import org.betadarts.data.Dataset;
import org.betadarts.data.Datasets;
import org.betadarts.data.ImageSet;
import org.betadarts.data.SampleGrid;
import org.betadarts.io.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code data inspect}: loads a dataset and prints its image shape, the number of images per portion and per
 * class, and its mean and std, and can write a PNG grid of sample training images of each class.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a dataset's image shape, counts per portion and class, mean and std; "
                + "optionally write a PNG grid of sample images per class.")
public final class DataInspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", required = true,
            description = "fashion-mnist, mnist, cifar10, cifar100, imagenet16-120, svhn or folder")
    String dataset;

    @Option(names = "--data-dir", description = DataFlags.DATA_DIR_HELP)
    Path dataDir;

    @Option(names = "--image-size", description = "side of the square images of a folder dataset (default ${DEFAULT-VALUE})")
    int imageSize = DataOptions.DEFAULT.imageSize();

    @Option(names = "--out", paramLabel = "FILE.png", description = "write a grid of sample training images here")
    Path out;

    @Option(names = "--samples", description = "sample images per class in the grid (default ${DEFAULT-VALUE})")
    int samples = 8;

    @Override
    public Integer call() {
        if (samples < 1 || samples > 64) {
            throw new UserError("--samples must be between 1 and 64: " + samples);
        }
        Dataset d = Datasets.load(dataset, dataDir, new DataOptions(imageSize));
        PrintWriter w = spec.commandLine().getOut();
        ImageSet train = d.train();
        w.printf("dataset       %s (%s)%n", d.name(), Datasets.source(dataset, dataDir));
        w.printf("image shape   %d x %d x %d (channels x height x width)%n", train.channels(), train.height(),
                train.width());
        w.printf("classes       %d%n", d.numClasses());
        w.printf("images        train %d, validation %d, test %d%n", train.size(), d.validation().size(),
                d.test().size());
        if (d.split() != null) {
            w.printf("split         %s%n", d.split().preSplit() ? "as the folder's train/, val/ or validation/, test/ give it"
                    : "fixed, per class: 10% test, 10% validation, the rest training");
        }
        w.printf("mean          %s (normalization)%n", numbers(d.mean()));
        w.printf("std           %s (normalization)%n", numbers(d.std()));
        ChannelStats measured = ChannelStats.of(train);
        w.printf("measured      mean %s, std %s (training images)%n", numbers(measured.mean()),
                numbers(measured.std()));
        w.printf("augmentation  %s%n", d.augmentation().isNone() ? "none"
                : "random crop with padding " + d.augmentation().cropPadding()
                + (d.augmentation().horizontalFlip() ? ", horizontal flip" : ", no flip"));
        w.println();
        printCounts(w, d);
        if (out != null) {
            SampleGrid.write(out, train, d.numClasses(), samples);
            w.println();
            w.printf("sample grid   %s (%d per class%s)%n", out, samples, d.numClasses() > SampleGrid.MAX_ROWS
                    ? ", first " + SampleGrid.MAX_ROWS + " classes" : "");
        }
        w.flush();
        return 0;
    }

    private static void printCounts(PrintWriter w, Dataset d) {
        List<String> names = d.classNames();
        int width = Math.max(5, names.stream().mapToInt(String::length).max().orElse(0));
        int[] train = counts(d.train(), names.size());
        int[] validation = counts(d.validation(), names.size());
        int[] test = counts(d.test(), names.size());
        String row = "%-" + width + "s  %8s  %10s  %8s%n";
        w.printf(row, "class", "train", "validation", "test");
        for (int c = 0; c < names.size(); c++) {
            w.printf(row, names.get(c), train[c], validation[c], test[c]);
        }
    }

    private static int[] counts(ImageSet set, int classes) {
        int[] counts = new int[classes];
        for (int label : set.labels()) {
            counts[label]++;
        }
        return counts;
    }

    private static String numbers(float[] values) {
        StringBuilder s = new StringBuilder();
        for (float v : values) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", v));
        }
        return s.toString();
    }
}
