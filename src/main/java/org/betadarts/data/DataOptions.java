package org.betadarts.data;

import org.betadarts.io.UserError;

/** Choices for loading a dataset that its files do not fix: the side of the square images of an image folder. */
public record DataOptions(int imageSize) {
    public static final int MIN_IMAGE_SIZE = 8;
    public static final int MAX_IMAGE_SIZE = 1024;
    /** 32x32 images, the size of CIFAR and SVHN. */
    public static final DataOptions DEFAULT = new DataOptions(32);

    public DataOptions {
        if (imageSize < MIN_IMAGE_SIZE || imageSize > MAX_IMAGE_SIZE) {
            throw new UserError("image size " + imageSize + " is not in " + MIN_IMAGE_SIZE + ".." + MAX_IMAGE_SIZE);
        }
    }
}
