package org.betadarts.cli;

import java.nio.file.Path;
import org.betadarts.data.DataOptions;
import org.betadarts.data.Dataset;
import org.betadarts.data.Datasets;
import picocli.CommandLine.Option;

/**
 * The options that choose a run's images, shared by {@code search} and {@code train}, and how the
 * commands read a dataset from settings: where from, and how its source is recorded in config.json.
 */
final class DataFlags {
    /** The help of --data-dir, in each command that reads a dataset. */
    static final String DATA_DIR_HELP = "folder with the dataset's standard files (for folder: one subfolder per class; "
            + "without it, fashion-mnist is its first 10,000 training and 2,000 test images, held in the jar)";

    @Option(names = "--dataset", description = "one of: ${COMPLETION-CANDIDATES}", completionCandidates = Names.OfDatasets.class)
    String dataset;

    @Option(names = "--data-dir", description = DATA_DIR_HELP)
    String dataDir;

    @Option(names = "--image-size", description = "image side for --dataset folder (default 32)")
    Integer imageSize;

    @Option(names = "--max-train", description = "use only the first N training images (0: all)")
    Integer maxTrain;

    /** The dataset {@code name} from the data directory of a setting (null: the standard place or the jar). */
    static Dataset load(String name, String dataDir, int imageSize) {
        return Datasets.load(name, directory(dataDir), new DataOptions(imageSize));
    }

    /** The data directory of a setting, null when none is set. */
    static Path directory(String setting) {
        return setting == null ? null : Path.of(setting);
    }

    /** Where a run's data comes from, as its config.json records it: the data directory or the jar's subset. */
    static String source(String dataset, String dataDir) {
        return Datasets.source(dataset, directory(dataDir));
    }
}
