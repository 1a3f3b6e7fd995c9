package org.betadarts.data;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.betadarts.io.UserError;

/**
 * Loads an image-folder dataset (one subfolder per class, PNG or JPEG files) split by {@link FolderSplit}.
 * Images are decoded in parallel, straight into the one array of their portion, as RGB squares of the
 * requested size (see {@link ImageDecoder}); where every image of every portion is grey (equal red, green
 * and blue at every pixel), the dataset has one channel instead of three. Mean and std come from the training images (a channel without
 * variation gets std 1); training augments with a random crop of one eighth of the size in padding and a
 * horizontal flip.
 */
public final class ImageFolder {
    static final int CHANNELS = 3;

    private ImageFolder() {}

    public static Dataset load(Path dir, DataOptions options) {
        int imageSize = options.imageSize();
        FolderSplit split = FolderSplit.of(dir);
        ImageSet train = decode(dir, split, split.train(), imageSize);
        ImageSet validation = decode(dir, split, split.validation(), imageSize);
        ImageSet test = decode(dir, split, split.test(), imageSize);
        if (grey(train) && grey(validation) && grey(test)) {
            train = firstPlane(train);
            validation = firstPlane(validation);
            test = firstPlane(test);
        }
        ChannelStats stats = ChannelStats.of(train);
        float[] std = stats.std().clone();
        for (int c = 0; c < std.length; c++) {
            std[c] = std[c] > 0 ? std[c] : 1;
        }
        return new Dataset("folder", train, test, split.classNames(), stats.mean(), std,
                new Augmentation(imageSize / 8, true), validation, split);
    }

    /** Whether every image of {@code set} (3 planes) has equal red, green and blue at every pixel. */
    static boolean grey(ImageSet set) {
        byte[] p = set.pixels();
        int plane = set.height() * set.width();
        for (int i = 0; i < set.size(); i++) {
            int base = i * CHANNELS * plane;
            for (int k = 0; k < plane; k++) {
                byte r = p[base + k];
                if (r != p[base + plane + k] || r != p[base + 2 * plane + k]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The images of {@code set} with one channel: their first plane. */
    private static ImageSet firstPlane(ImageSet set) {
        int plane = set.height() * set.width();
        byte[] one = new byte[set.size() * plane];
        for (int i = 0; i < set.size(); i++) {
            System.arraycopy(set.pixels(), i * CHANNELS * plane, one, i * plane, plane);
        }
        return new ImageSet(one, set.labels(), 1, set.height(), set.width());
    }

    private static ImageSet decode(Path dir, FolderSplit split, List<String> files, int size) {
        int image = CHANNELS * size * size;
        if ((long) files.size() * image > Integer.MAX_VALUE - 8) {
            throw new UserError(dir + ": " + files.size() + " images of " + size + "x" + size
                    + " are too many to hold; choose a smaller --image-size");
        }
        byte[] pixels = new byte[files.size() * image];
        int[] labels = new int[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            String file = files.get(i);
            labels[i] = split.classOf(file);
            ImageDecoder.decode(dir.resolve(file), size, pixels, i * image);
        });
        return new ImageSet(pixels, labels, CHANNELS, size, size);
    }
}
