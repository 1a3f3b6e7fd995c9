package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.betadarts.data.Augmentation;
import org.betadarts.data.Batch;
import org.betadarts.data.Dataset;
import org.betadarts.data.ImageSet;
import org.betadarts.nn.TestDevice;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.Json;
import org.betadarts.space.Spaces;

/** Searches small enough for unit tests: random 8x8 images; NAS-Bench-201 at C=4, one cell per stage. */
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

    /** 16 one-channel 8x8 images of N(0, 1) pixels, labels cycling through the three classes. */
    static Batch gaussianBatch(long seed) {
        Random r = new Random(seed);
        float[] images = new float[16 * 64];
        int[] labels = new int[16];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        return new Batch(images, labels, 16, 1, 8, 8);
    }

    static SearchConfig config(String regularizer) {
        return SearchConfig.quick().with(Map.of("dataset", "tiny", "epochs", 2, "batchSize", 16,
                "channels", 4, "cells", 1, "regularizer", regularizer, "maxTrain", 0, "archLr", 3e-4));
    }

    /** The smallest DARTS-space search: C=2, three cells (normal, reduce, reduce), one epoch of one step. */
    static SearchConfig darts(String space, String order) {
        return config("beta-decay").with(Map.of("space", space, "channels", 2, "cells", 3, "epochs", 1,
                "batchSize", 64, "order", order));
    }

    static Search search(SearchConfig config) {
        return new Search(config, data(), Spaces.byName(config.space()), TestDevice.device());
    }

    /** Runs three epochs and checks that the manager holds as many arrays after each. */
    static void assertLiveTensorCountStaysFlat(SearchConfig config) {
        try (Search s = search(config.with(Map.of("epochs", 3)))) {
            List<Integer> counts = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                s.runEpoch(e, SearchListener.NONE);
                counts.add(s.weights().manager().getManagedArrays().size());
            }
            assertEquals(counts.get(0), counts.get(1), "live arrays after each epoch: " + counts);
            assertEquals(counts.get(1), counts.get(2), "live arrays after each epoch: " + counts);
        }
    }

    /**
     * Runs {@code config} whole with a checkpoint after every step, then a second search restored from
     * the checkpoint in the middle of the second epoch, and checks that both end with the same α, bit for
     * bit, and the same metrics lines but for their seconds; returns that checkpoint.
     */
    static Checkpoints.Loaded assertResumedMidEpochEndsAsUninterrupted(SearchConfig config, Path tmp)
            throws Exception {
        Path whole = tmp.resolve("whole");
        float[] expected;
        try (Search s = search(config)) {
            s.run(RunDirectory.create(whole), SearchListener.NONE, new RunOptions(1, 100, OnNan.STOP));
            expected = s.alpha().values().clone();
        }
        String name = "epoch-0001-step-000002.ckpt";
        Path resumed = Files.createDirectories(tmp.resolve("resumed/checkpoints"));
        Files.copy(whole.resolve("checkpoints").resolve(name), resumed.resolve(name));
        Files.copy(whole.resolve(RunDirectory.METRICS), resumed.resolveSibling(RunDirectory.METRICS));
        Checkpoints.Loaded checkpoint = new Checkpoints(resumed, 100).latest();
        float[] actual;
        try (Search s = search(config)) {
            s.restore(checkpoint);
            s.run(RunDirectory.open(resumed.getParent()), SearchListener.NONE);
            actual = s.alpha().values().clone();
        }
        assertArrayEquals(expected, actual, 0f, "α (and a method's parameters) at the end");
        List<String> a = Files.readAllLines(whole.resolve(RunDirectory.METRICS));
        List<String> b = Files.readAllLines(resumed.resolveSibling(RunDirectory.METRICS));
        assertEquals(2, b.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(withoutSeconds(a.get(i)), withoutSeconds(b.get(i)), "metrics line " + (i + 1));
        }
        return checkpoint;
    }

    private static String withoutSeconds(String line) throws Exception {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(line);
        node.remove("seconds");
        return Json.line(node);
    }
}
