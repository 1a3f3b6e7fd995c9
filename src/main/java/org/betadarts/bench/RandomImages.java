package org.betadarts.bench;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.betadarts.data.Augmentation;
import org.betadarts.data.Dataset;
import org.betadarts.data.ImageSet;

/** A dataset of random images with the shape of a real one, for timing (the content does not matter). */
final class RandomImages {
    private RandomImages() {}

    static Dataset create(int images, int channels, int size, int classes, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[images * channels * size * size];
        r.nextBytes(pixels);
        int[] labels = IntStream.range(0, images).map(i -> i % classes).toArray();
        ImageSet set = new ImageSet(pixels, labels, channels, size, size);
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(mean, 0.5f);
        java.util.Arrays.fill(std, 0.25f);
        List<String> names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        return new Dataset("random", set, set, names, mean, std, new Augmentation(4, true));
    }
}
