package org.betadarts.data;

/** A batch of normalized images as floats in NCHW layout, with their labels. */
public record Batch(float[] images, int[] labels, int size, int channels, int height, int width) {
}
