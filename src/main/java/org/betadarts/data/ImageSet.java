package org.betadarts.data;

import java.util.Arrays;

/**
 * Images held in memory as unsigned bytes in NCHW layout, with one integer label per image.
 * The pixel array is the only copy of the decoded data; callers must not modify it.
 */
public final class ImageSet {
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;

    public ImageSet(byte[] pixels, int[] labels, int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive: " + channels + "x" + height + "x" + width);
        }
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " does not match " + labels.length
                    + " images of " + channels + "x" + height + "x" + width);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** All pixels, image after image, each image channel after channel, each channel row after row. */
    public byte[] pixels() {
        return pixels;
    }

    public int[] labels() {
        return labels;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int size() {
        return labels.length;
    }

    /** Number of bytes of one image: channels * height * width. */
    public int imageBytes() {
        return channels * height * width;
    }

    /** Unsigned value of one pixel. */
    public int pixel(int image, int channel, int y, int x) {
        return pixels[((image * channels + channel) * height + y) * width + x] & 0xff;
    }

    /** The first {@code n} images; this set itself when it has no more than {@code n}. */
    public ImageSet first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative image count: " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new ImageSet(Arrays.copyOf(pixels, n * imageBytes()), Arrays.copyOf(labels, n), channels, height, width);
    }
}
