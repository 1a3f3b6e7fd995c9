package org.betadarts.data;

import java.util.List;

/**
 * An image classification dataset: training and test images, class names, the per-channel mean and
 * standard deviation of pixels in [0,1] units used for normalization, and the augmentation for training.
 * Datasets read from an image folder also have validation images and the {@link FolderSplit} that says which
 * file went where; other datasets have an empty validation set and no split ({@code split} is null).
 */
public record Dataset(String name, ImageSet train, ImageSet test, List<String> classNames, float[] mean, float[] std,
                      Augmentation augmentation, ImageSet validation, FolderSplit split) {
    public Dataset {
        classNames = List.copyOf(classNames);
        int c = train.channels();
        for (ImageSet other : List.of(test, validation)) {
            if (other.channels() != c || other.height() != train.height() || other.width() != train.width()) {
                throw new IllegalArgumentException(name + ": training, validation and test images differ in shape");
            }
        }
        if (mean.length != c || std.length != c) {
            throw new IllegalArgumentException(name + ": need one mean and one std per channel (" + c + ")");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException(name + ": std must be positive");
            }
        }
        checkLabels(train, classNames.size());
        checkLabels(validation, classNames.size());
        checkLabels(test, classNames.size());
    }

    /** A dataset of fixed training and test files, without validation images. */
    public Dataset(String name, ImageSet train, ImageSet test, List<String> classNames, float[] mean, float[] std,
                   Augmentation augmentation) {
        this(name, train, test, classNames, mean, std, augmentation, train.first(0), null);
    }

    private static void checkLabels(ImageSet set, int classes) {
        for (int label : set.labels()) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
            }
        }
    }

    public int numClasses() {
        return classNames.size();
    }

    /** This dataset keeping only the first {@code maxTrain} training and {@code maxTest} test images. */
    public Dataset limit(int maxTrain, int maxTest) {
        return new Dataset(name, train.first(maxTrain), test.first(maxTest), classNames, mean, std, augmentation,
                validation, split);
    }
}
