package org.betadarts.data;

/**
 * Training-time augmentation: a random crop back to the original size after zero-padding each side by
 * {@code cropPadding} raw pixels, then a horizontal flip with probability 0.5 when {@code horizontalFlip}.
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("negative crop padding: " + cropPadding);
        }
    }

    public boolean isNone() {
        return cropPadding == 0 && !horizontalFlip;
    }
}
