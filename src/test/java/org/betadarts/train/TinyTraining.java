package org.betadarts.train;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.betadarts.data.Augmentation;
import org.betadarts.data.Dataset;
import org.betadarts.data.ImageSet;

/** Training small enough for unit tests: random 8x8 images whose class sets their brightness, C=4, N=1. */
final class TinyTraining {
    static final String CELL =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    private TinyTraining() {}

    static ImageSet images(int n, int channels, long seed) {
        Random r = new Random(seed);
        int size = channels * 64;
        byte[] px = new byte[n * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < size; p++) {
                px[i * size + p] = (byte) Math.min(255, r.nextInt(128) + 60 * labels[i]);
            }
        }
        return new ImageSet(px, labels, channels, 8, 8);
    }

    static Dataset data(int channels) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(mean, 0.5f);
        java.util.Arrays.fill(std, 0.25f);
        return new Dataset("tiny", images(48, channels, 7), images(24, channels, 8), List.of("dark", "mid", "light"),
                mean, std, new Augmentation(1, true));
    }

    static TrainConfig config() {
        return TrainConfig.quick().with(Map.of("dataset", "tiny", "maxTrain", 0, "epochs", 2, "batchSize", 16,
                "channels", 4, "cells", 1));
    }

    static FoundCell cell(String arch) {
        return FoundCell.resolve(arch);
    }
}
