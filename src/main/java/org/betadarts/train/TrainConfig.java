package org.betadarts.train;

import static org.betadarts.io.Records.field;
import static org.betadarts.io.UserError.require;

import java.util.Map;
import org.betadarts.io.Records;
import org.betadarts.io.UserError;
import org.betadarts.space.CellTraining;
import org.betadarts.space.Spaces;

/**
 * Every setting of training a cell from scratch, resolved. Presets are named bundles of these values,
 * each space's ({@link CellTraining#preset}) written as the fields it changes in the NAS-Bench-201
 * protocol ({@link #nb201()}, which names every field); command-line options override single fields by
 * name.
 *
 * @param imageSize side of the square images of an image-folder dataset (others keep their own size)
 * @param maxTrain train on the first maxTrain training images only (0: all)
 * @param maxTest evaluate on the first maxTest test images only (0: all)
 * @param channels initial channels C of the network
 * @param cells cells per stage (N, option -N/--cells-per-stage) of a NAS-Bench-201 network; cells in all (L,
 *     option --layers) of a DARTS network
 * @param lr initial learning rate, annealed by a cosine to {@code lrMin} over the epochs
 * @param gradClip largest global gradient norm (0: no clipping)
 * @param auxiliaryWeight weight of the auxiliary head's loss (0: no auxiliary head)
 * @param dropPath drop-path probability reached at the last epoch, ramped linearly from 0 (0: none)
 * @param cutout side of the square cut out of each training image (0: none)
 */
public record TrainConfig(
        String dataset,
        String dataDir,
        int imageSize,
        int maxTrain,
        int maxTest,
        int epochs,
        int batchSize,
        int channels,
        int cells,
        long seed,
        double lr,
        double lrMin,
        double momentum,
        boolean nesterov,
        double weightDecay,
        double gradClip,
        double auxiliaryWeight,
        double dropPath,
        int cutout,
        String device) {

    public static final String DEFAULT_PRESET = "quick";

    /**
     * The NAS-Bench-201 training protocol: C=16, N=5, 200 epochs, batch 256, SGD with Nesterov
     * momentum 0.9, lr 0.1 cosine to 0, weight decay 5e-4, the dataset's crop and flip, on CIFAR-10.
     */
    public static TrainConfig nb201() {
        return Records.of(TrainConfig.class,
                field("dataset", "cifar10"),
                field("dataDir", null),
                field("imageSize", 32),
                field("maxTrain", 0),
                field("maxTest", 0),
                field("epochs", 200),
                field("batchSize", 256),
                field("channels", 16),
                field("cells", 5),
                field("seed", 0),
                field("lr", 0.1),
                field("lrMin", 0),
                field("momentum", 0.9),
                field("nesterov", true),
                field("weightDecay", 5e-4),
                field("gradClip", 0),
                field("auxiliaryWeight", 0),
                field("dropPath", 0),
                field("cutout", 0),
                field("device", "cpu"));
    }

    /** The quick preset of the default space's cells (NAS-Bench-201): a CPU run of minutes. */
    public static TrainConfig quick() {
        return preset(Spaces.training(Spaces.DEFAULT), DEFAULT_PRESET);
    }

    /** Preset {@code name} of the cells of {@code cells}; an unknown name is a {@link UserError}. */
    public static TrainConfig preset(CellTraining cells, String name) {
        if (!cells.presets().contains(name)) {
            throw new UserError("unknown preset '" + name + "' for " + cells.name() + " cells: expected one of "
                    + cells.presets());
        }
        return nb201().with(cells.preset(name));
    }

    /** A copy with the named fields replaced. */
    public TrainConfig with(Map<String, ?> overrides) {
        return Records.with(this, overrides).validated();
    }

    /** Checks ranges; a bad value is the user's mistake. */
    public TrainConfig validated() {
        require(epochs >= 1, "--epochs must be at least 1");
        require(batchSize >= 1, "--batch-size must be at least 1");
        require(channels >= 1, "--channels must be at least 1");
        require(cells >= 1, "-N/--cells-per-stage or --layers must be at least 1");
        require(maxTrain >= 0, "--max-train must be 0 (all) or positive");
        require(maxTest >= 0, "--max-test must be 0 (all) or positive");
        require(lr > 0, "--lr must be positive");
        require(lrMin >= 0 && lrMin <= lr, "--lr-min must be between 0 and --lr");
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1)");
        require(weightDecay >= 0, "--weight-decay must not be negative");
        require(gradClip >= 0, "--grad-clip must be 0 (none) or positive");
        require(auxiliaryWeight >= 0, "--auxiliary-weight must not be negative");
        require(dropPath >= 0 && dropPath < 1, "--drop-path must be in [0, 1)");
        require(cutout >= 0, "--cutout must be 0 (none) or positive");
        return this;
    }
}
