package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {
    private static final float[] MEAN = {0.5f, 0.25f};
    private static final float[] STD = {0.25f, 0.5f};

    /** Two-channel 4x5 images whose labels are their indices. */
    private static ImageSet images(int n) {
        int[] labels = Splits.all(n);
        return new ImageSet(TestFiles.pattern(n, 2, 4, 5), labels, 2, 4, 5);
    }

    private static BatchLoader loader(ImageSet set, int batch, Augmentation aug, long seed, boolean shuffle,
                                      boolean dropLast) {
        return new BatchLoader(set, Splits.all(set.size()), batch, MEAN, STD, aug, new Random(seed),
                shuffle ? BatchLoader.Order.SHUFFLED : BatchLoader.Order.IN_ORDER,
                dropLast ? BatchLoader.LastBatch.DROP : BatchLoader.LastBatch.KEEP);
    }

    private static float normalized(ImageSet set, int i, int c, int y, int x) {
        return (set.pixel(i, c, y, x) / 255f - MEAN[c]) / STD[c];
    }

    private static float at(Batch b, int i, int c, int y, int x) {
        return b.images()[((i * b.channels() + c) * b.height() + y) * b.width() + x];
    }

    private static List<Batch> epoch(BatchLoader loader) {
        List<Batch> out = new ArrayList<>();
        loader.forEach(out::add);
        return out;
    }

    @Test
    void normalizesKnownPixel() {
        ImageSet set = new ImageSet(new byte[] {51, (byte) 255}, new int[] {0}, 2, 1, 1);
        Batch b = loader(set, 1, Augmentation.NONE, 0, false, false).iterator().next();
        assertEquals((0.2f - 0.5f) / 0.25f, b.images()[0], 1e-6);
        assertEquals((1f - 0.25f) / 0.5f, b.images()[1], 1e-6);
    }

    @Test
    void noAugmentationIsIdentityInOrder() {
        ImageSet set = images(5);
        List<Batch> batches = epoch(loader(set, 2, new Augmentation(0, false), 1, false, false));
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {4}, batches.get(2).labels());
        for (Batch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                int image = b.labels()[i];
                for (int c = 0; c < 2; c++) {
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 5; x++) {
                            assertEquals(normalized(set, image, c, y, x), at(b, i, c, y, x));
                        }
                    }
                }
            }
        }
    }

    @Test
    void flippedImagesMirrorExactly() {
        ImageSet set = images(64);
        Batch b = loader(set, 64, new Augmentation(0, true), 3, false, false).iterator().next();
        int flipped = 0;
        for (int i = 0; i < 64; i++) {
            boolean mirror = at(b, i, 0, 0, 0) == normalized(set, i, 0, 0, 4);
            flipped += mirror ? 1 : 0;
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        assertEquals(normalized(set, i, c, y, mirror ? 4 - x : x), at(b, i, c, y, x));
                    }
                }
            }
        }
        assertTrue(flipped > 10 && flipped < 54, "flipped " + flipped + " of 64");
    }

    /** 8x8 two-channel images whose pixels tell their position: 10 y + x + 1 + 100 c + (i mod 50). */
    private static ImageSet positional(int n) {
        byte[] pixels = new byte[n * 2 * 64];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        pixels[k++] = (byte) (10 * y + x + 1 + 100 * c + i % 50);
                    }
                }
            }
        }
        return new ImageSet(pixels, Splits.all(n), 2, 8, 8);
    }

    @Test
    void cropShiftsAndPadsWithNormalizedZero() {
        ImageSet set = positional(200);
        int pad = 2;
        Batch b = loader(set, 200, new Augmentation(pad, false), 5, false, false).iterator().next();
        boolean[][] seen = new boolean[2 * pad + 1][2 * pad + 1];
        int padded = 0;
        for (int i = 0; i < 200; i++) {
            int centre = Math.round(at(b, i, 0, 4, 4) * STD[0] * 255 + MEAN[0] * 255) - 1 - i % 50;
            int dy = centre / 10 - 4;
            int dx = centre % 10 - 4;
            assertTrue(Math.abs(dy) <= pad && Math.abs(dx) <= pad, "shift " + dy + "," + dx);
            seen[dy + pad][dx + pad] = true;
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int sy = y + dy;
                        int sx = x + dx;
                        boolean outside = sy < 0 || sy >= 8 || sx < 0 || sx >= 8;
                        padded += outside ? 1 : 0;
                        float expected = outside ? (0 - MEAN[c]) / STD[c] : normalized(set, i, c, sy, sx);
                        assertEquals(expected, at(b, i, c, y, x));
                    }
                }
            }
        }
        assertTrue(padded > 0);
        for (boolean[] row : seen) {
            for (boolean s : row) {
                assertTrue(s, "every offset within the padding occurs");
            }
        }
    }

    @Test
    void zeroPaddingWithoutFlipIsIdentity() {
        ImageSet set = positional(3);
        Batch b = loader(set, 3, new Augmentation(0, false), 9, true, false).iterator().next();
        for (int i = 0; i < 3; i++) {
            int image = b.labels()[i];
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(normalized(set, image, 1, y, x), at(b, i, 1, y, x));
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameBatches() {
        ImageSet set = images(30);
        Augmentation aug = new Augmentation(2, true);
        List<Batch> a = epoch(loader(set, 8, aug, 42, true, false));
        List<Batch> b = epoch(loader(set, 8, aug, 42, true, false));
        List<Batch> c = epoch(loader(set, 8, aug, 43, true, false));
        assertEquals(a.size(), b.size());
        boolean differs = false;
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).labels(), b.get(k).labels());
            assertArrayEquals(a.get(k).images(), b.get(k).images());
            differs |= !Arrays.equals(a.get(k).labels(), c.get(k).labels());
        }
        assertTrue(differs, "another seed gives another order");
    }

    @Test
    void shuffledEpochCoversEachIndexOnce() {
        ImageSet set = images(23);
        int[] split = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
        BatchLoader loader = new BatchLoader(set, split, 4, MEAN, STD, Augmentation.NONE, new Random(7),
                BatchLoader.Order.SHUFFLED, BatchLoader.LastBatch.KEEP);
        assertEquals(5, loader.batchesPerEpoch());
        int[] first = null;
        for (int e = 0; e < 2; e++) {
            int[] seen = new int[23];
            List<Integer> order = new ArrayList<>();
            for (Batch b : loader) {
                for (int label : b.labels()) {
                    seen[label]++;
                    order.add(label);
                }
            }
            for (int i = 0; i < 23; i++) {
                assertEquals(i >= 3 && i <= 19 ? 1 : 0, seen[i], "index " + i);
            }
            int[] now = order.stream().mapToInt(Integer::intValue).toArray();
            if (first == null) {
                first = now;
                assertNotEquals(Arrays.toString(split), Arrays.toString(now));
            } else {
                assertNotEquals(Arrays.toString(first), Arrays.toString(now), "each epoch reshuffles");
            }
        }
    }

    /**
     * Random batches (the official α batch, {@code next(iter(valid_queue))}): every batch full, without
     * repeats inside it, drawn from the split only, independently of the batches before it (so indices
     * repeat across the batches of an epoch), as many as asked, the same for the same seed.
     */
    @Test
    void randomBatchesAreFreshFullDrawsFromTheSplit() {
        ImageSet set = images(23);
        int[] split = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        SavableRandom r1 = new SavableRandom(11);
        BatchLoader loader = new BatchLoader(set, split, 4, MEAN, STD, Augmentation.NONE, r1,
                BatchLoader.Order.RANDOM_BATCHES, BatchLoader.LastBatch.KEEP);
        Iterator<Batch> it = loader.iterator(40);
        int[] seen = new int[23];
        List<String> batches = new ArrayList<>();
        int repeatedAcrossBatches = 0;
        Set<Integer> epochSeen = new HashSet<>();
        for (int k = 0; k < 40; k++) {
            Batch b = it.next();
            assertEquals(4, b.size());
            Set<Integer> inBatch = new HashSet<>();
            for (int label : b.labels()) {
                assertTrue(label >= 3 && label <= 12, "from the split: " + label);
                assertTrue(inBatch.add(label), "no repeat inside a batch");
                seen[label]++;
                if (k < 3 && !epochSeen.add(label)) {
                    repeatedAcrossBatches++;
                }
            }
            batches.add(Arrays.toString(b.labels()));
        }
        assertFalse(it.hasNext());
        for (int i = 3; i <= 12; i++) {
            assertTrue(seen[i] >= 6 && seen[i] <= 30, "index " + i + " drawn " + seen[i] + " times of 160 (mean 16)");
        }
        assertTrue(new HashSet<>(batches).size() > 30, "batches differ");
        assertTrue(repeatedAcrossBatches > 0, "3 batches of 4 from 10 images: draws independent across batches repeat");
        SavableRandom r2 = new SavableRandom(11);
        Iterator<Batch> again = new BatchLoader(set, split, 4, MEAN, STD, Augmentation.NONE, r2,
                BatchLoader.Order.RANDOM_BATCHES, BatchLoader.LastBatch.KEEP).iterator(40);
        for (String labels : batches) {
            assertEquals(labels, Arrays.toString(again.next().labels()));
        }
        assertEquals(r1.state(), r2.state());
    }

    @Test
    void dropLastDropsPartialBatch() {
        ImageSet set = images(10);
        BatchLoader drop = loader(set, 4, Augmentation.NONE, 0, false, true);
        assertEquals(2, drop.batchesPerEpoch());
        List<Batch> batches = epoch(drop);
        assertEquals(2, batches.size());
        assertEquals(4, batches.get(1).size());
        assertEquals(4 * 2 * 4 * 5, batches.get(1).images().length);
        BatchLoader keep = loader(set, 4, Augmentation.NONE, 0, false, false);
        assertEquals(3, keep.batchesPerEpoch());
        Batch last = epoch(keep).get(2);
        assertEquals(2, last.size());
        assertArrayEquals(new int[] {8, 9}, last.labels());
        assertEquals(2 * 2 * 4 * 5, last.images().length);
    }

    @Test
    void firstBatchesOfAnEpochDrawOnlyWhatTheyNeed() {
        SavableRandom whole = new SavableRandom(5);
        SavableRandom first = new SavableRandom(5);
        ImageSet set = images(20);
        Augmentation aug = new Augmentation(1, true);
        BatchLoader all = new BatchLoader(set, Splits.all(20), 4, MEAN, STD, aug, whole,
                BatchLoader.Order.SHUFFLED, BatchLoader.LastBatch.KEEP);
        BatchLoader some = new BatchLoader(set, Splits.all(20), 4, MEAN, STD, aug, first,
                BatchLoader.Order.SHUFFLED, BatchLoader.LastBatch.KEEP);
        Iterator<Batch> a = all.iterator();
        Iterator<Batch> b = some.iterator(2);
        for (int k = 0; k < 2; k++) {
            Batch x = a.next();
            Batch y = b.next();
            assertArrayEquals(x.labels(), y.labels());
            assertArrayEquals(x.images(), y.images());
        }
        assertFalse(b.hasNext());
        assertTrue(a.hasNext());
        assertEquals(whole.state(), first.state());
        assertThrows(IllegalArgumentException.class, () -> some.iterator(6));
        assertFalse(some.iterator(0).hasNext());
    }
}
