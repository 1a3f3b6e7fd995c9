package org.betadarts.search;

import ai.djl.Device;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.betadarts.data.Augmentation;
import org.betadarts.data.Dataset;
import org.betadarts.data.ImageSet;
import org.betadarts.space.nb201.Nb201Space;

/** A search small enough for unit tests: random 8x8 images, C=4, one cell per stage. */
final class TinySearch {
    private TinySearch() {}

    static Dataset data() {
        Random r = new Random(7);
        int n = 128;
        int classes = 3;
        byte[] px = new byte[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int p = 0; p < 64; p++) {
                // the class shifts the brightness, so there is something to learn
                px[i * 64 + p] = (byte) Math.min(255, r.nextInt(128) + 60 * labels[i]);
            }
        }
        ImageSet set = new ImageSet(px, labels, 1, 8, 8);
        return new Dataset("tiny", set, set, List.of("a", "b", "c"), new float[] {0.5f}, new float[] {0.25f},
                new Augmentation(1, true));
    }

    static SearchConfig config(String regularizer) {
        return SearchConfig.quick().with(Map.of("dataset", "tiny", "epochs", 2, "batchSize", 16,
                "channels", 4, "cells", 1, "regularizer", regularizer, "maxTrain", 0));
    }

    static Search search(SearchConfig config) {
        return new Search(config, data(), new Nb201Space(), Device.cpu());
    }
}
