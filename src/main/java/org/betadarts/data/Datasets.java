package org.betadarts.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.betadarts.io.UserError;

/**
 * The datasets known by name, with their normalization constants and training augmentation: MNIST-style IDX
 * files, CIFAR binaries, ImageNet16-120 pickles, SVHN MAT-files, and {@code folder}, an image folder of the
 * user's (see {@link ImageFolder}). Each is read from a directory; {@code fashion-mnist} without one is read
 * from the jar, which holds its first 10,000 training and first 2,000 test images.
 */
public final class Datasets {
    /** What {@link #source} calls the Fashion-MNIST subset in the jar. */
    public static final String BUNDLED_FASHION_MNIST = "bundled:fashion-mnist-10k";
    /** The class-path folder of that subset, with its licence and provenance. */
    static final String BUNDLED_FASHION_MNIST_FOLDER = "/org/betadarts/data/fashion-mnist-10k";
    static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10", "cifar100",
            "imagenet16-120", "svhn", "folder");

    private Datasets() {}

    public static List<String> names() {
        return NAMES;
    }

    /**
     * Where a dataset is read from, as recorded in run directories: {@code dir}, or when it is null
     * {@value #BUNDLED_FASHION_MNIST} for {@code fashion-mnist}; the other datasets need a directory.
     */
    public static String source(String name, Path dir) {
        check(name);
        if (dir != null) {
            return dir.toString();
        }
        if (name.equals("fashion-mnist")) {
            return BUNDLED_FASHION_MNIST;
        }
        throw new UserError("no data directory for " + name + ": pass --data-dir");
    }

    /** Loads a dataset by name from {@code dir}, or when it is null from the jar (fashion-mnist only). */
    public static Dataset load(String name, Path dir) {
        return load(name, dir, DataOptions.DEFAULT);
    }

    /**
     * Loads a dataset by name from {@code dir}, or when it is null from the jar (fashion-mnist only), with
     * options for what the files do not fix (the image size of {@code folder}; other datasets ignore it).
     */
    public static Dataset load(String name, Path dir, DataOptions options) {
        source(name, dir); // checks the name, and that datasets other than fashion-mnist have a directory
        if (dir == null) {
            return fashionMnist(IdxReader.readResource(BUNDLED_FASHION_MNIST_FOLDER, "train"),
                    IdxReader.readResource(BUNDLED_FASHION_MNIST_FOLDER, "t10k"));
        }
        if (!Files.isDirectory(dir)) {
            throw new UserError("data directory not found: " + dir);
        }
        return switch (name) {
            case "fashion-mnist" -> fashionMnist(IdxReader.read(dir, "train"), IdxReader.read(dir, "t10k"));
            case "mnist" -> new Dataset(name, IdxReader.read(dir, "train"), IdxReader.read(dir, "t10k"),
                    DIGITS, new float[] {0.1307f}, new float[] {0.3081f}, new Augmentation(2, false));
            case "cifar10" -> new Dataset(name, CifarReader.cifar10(dir, true), CifarReader.cifar10(dir, false),
                    CifarReader.cifar10Classes(dir), new float[] {0.4914f, 0.4822f, 0.4465f},
                    new float[] {0.2470f, 0.2435f, 0.2616f}, new Augmentation(4, true));
            case "cifar100" -> new Dataset(name, CifarReader.cifar100(dir, true), CifarReader.cifar100(dir, false),
                    CifarReader.cifar100Classes(dir), new float[] {0.5071f, 0.4865f, 0.4409f},
                    new float[] {0.2673f, 0.2564f, 0.2762f}, new Augmentation(4, true));
            case "imagenet16-120" -> new Dataset(name, ImageNet16Reader.read(dir, true),
                    ImageNet16Reader.read(dir, false), ImageNet16Reader.classNames(),
                    new float[] {122.68f / 255, 116.66f / 255, 104.01f / 255},
                    new float[] {63.22f / 255, 61.26f / 255, 65.09f / 255}, new Augmentation(2, true));
            case "svhn" -> new Dataset(name, SvhnReader.read(dir, true), SvhnReader.read(dir, false), DIGITS,
                    new float[] {0.4377f, 0.4438f, 0.4728f}, new float[] {0.1980f, 0.2010f, 0.1970f},
                    new Augmentation(4, false));
            case "folder" -> ImageFolder.load(dir, options);
            default -> throw new IllegalStateException(name);
        };
    }

    private static Dataset fashionMnist(ImageSet train, ImageSet test) {
        return new Dataset("fashion-mnist", train, test, FASHION_MNIST_CLASSES, new float[] {0.2860f},
                new float[] {0.3530f}, new Augmentation(2, true));
    }

    private static void check(String name) {
        if (!NAMES.contains(name)) {
            throw new UserError("unknown dataset '" + name + "'; valid names: " + String.join(", ", NAMES));
        }
    }
}
