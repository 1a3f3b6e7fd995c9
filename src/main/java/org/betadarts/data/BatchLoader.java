package org.betadarts.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Batches of normalized, optionally augmented images drawn from a list of indices into an {@link ImageSet}.
 * Each call to {@link #iterator()} is one epoch, in one of three {@link Order}s: the indices as given, one
 * shuffled pass (Fisher–Yates, once per epoch), or a fresh random batch for every batch taken (a uniform
 * random subset of the indices in random order, drawn independently of the other batches, as the official
 * β-DARTS search takes each α batch with {@code next(iter(valid_queue))}). The given {@link Random} also
 * drives augmentation, so the same seed gives the same batches.
 * Each batch has its own arrays and stays valid after later batches are produced, and holds plain Java
 * arrays only, so batches can be prepared on another thread ({@link Prefetch}).
 */
public final class BatchLoader implements Iterable<Batch> {
    /** How many batches {@link #prefetch} prepares before they are asked for. */
    public static final int AHEAD = 2;

    private final ImageSet set;
    private final int[] indices;
    private final int batchSize;
    private final float[][] table;
    private final Augmentation augmentation;
    private final Random random;
    private final Order order;
    private final boolean dropLast;

    /** The order of the images within an epoch. */
    public enum Order {
        /** the indices as given */
        IN_ORDER,
        /** one shuffled pass over the indices */
        SHUFFLED,
        /** every batch a fresh random draw from all the indices (full batches only) */
        RANDOM_BATCHES
    }

    /** What happens to the last batch of an epoch when the batch size does not divide the images. */
    public enum LastBatch { KEEP, DROP }

    public BatchLoader(ImageSet set, int[] indices, int batchSize, float[] mean, float[] std,
                       Augmentation augmentation, Random random, Order order, LastBatch lastBatch) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        if (mean.length != set.channels() || std.length != set.channels()) {
            throw new IllegalArgumentException("need one mean and one std per channel (" + set.channels() + ")");
        }
        for (int i : indices) {
            if (i < 0 || i >= set.size()) {
                throw new IllegalArgumentException("index " + i + " outside image set of " + set.size());
            }
        }
        this.set = set;
        this.indices = indices.clone();
        this.batchSize = batchSize;
        this.table = normalizationTable(mean, std);
        this.augmentation = augmentation;
        this.random = random;
        this.order = order;
        this.dropLast = lastBatch == LastBatch.DROP;
        if (order == Order.RANDOM_BATCHES && batchSize > indices.length) {
            throw new IllegalArgumentException("random batches of " + batchSize + " from " + indices.length + " images");
        }
    }

    /** The images of {@code indices} in their order, normalized but not augmented (for evaluation). */
    public static BatchLoader inOrder(ImageSet set, int[] indices, int batchSize, float[] mean, float[] std,
                                      LastBatch lastBatch) {
        return new BatchLoader(set, indices, batchSize, mean, std, Augmentation.NONE, new Random(0), Order.IN_ORDER,
                lastBatch);
    }

    /** For each channel, the normalized value of each raw byte value: (v / 255 - mean) / std. */
    private static float[][] normalizationTable(float[] mean, float[] std) {
        float[][] t = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int v = 0; v < 256; v++) {
                t[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
        return t;
    }

    public int batchesPerEpoch() {
        return dropLast ? indices.length / batchSize : (indices.length + batchSize - 1) / batchSize;
    }

    /** One whole epoch of batches. */
    @Override
    public Iterator<Batch> iterator() {
        return iterator(batchesPerEpoch());
    }

    /**
     * The first {@code batches} batches of an epoch (at most {@link #batchesPerEpoch()}, any number of
     * random batches): the same
     * batches as the start of {@link #iterator()}, drawing nothing for the batches after them, so the
     * random generator ends where a caller taking only these from a whole epoch would leave it.
     */
    public Iterator<Batch> iterator(int batches) {
        if (batches < 0 || (order != Order.RANDOM_BATCHES && batches > batchesPerEpoch())) {
            throw new IllegalArgumentException(batches + " batches asked, an epoch has " + batchesPerEpoch());
        }
        int[] order = indices.clone();
        if (this.order == Order.SHUFFLED) {
            for (int i = order.length - 1; i > 0; i--) {
                swap(order, i, random.nextInt(i + 1));
            }
        }
        IntFunction<Batch> make = this.order == Order.RANDOM_BATCHES ? k -> randomBatch(order) : k -> {
            int from = k * batchSize;
            return batch(order, from, Math.min(from + batchSize, order.length));
        };
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return make.apply(next++);
            }
        };
    }

    /**
     * A full batch from the first positions of a partial Fisher–Yates shuffle of {@code order}: a
     * uniform random subset in random order, independent of the batches before it.
     */
    private Batch randomBatch(int[] order) {
        for (int i = 0; i < batchSize; i++) {
            swap(order, i, i + random.nextInt(order.length - i));
        }
        return batch(order, 0, batchSize);
    }

    private static void swap(int[] a, int i, int j) {
        int tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
    }

    /** One whole epoch, prepared on a background thread {@value #AHEAD} batches ahead; close it after use. */
    public Prefetch<Batch> prefetch() {
        return new Prefetch<>(iterator(), AHEAD);
    }

    /** The first {@code batches} batches of an epoch ({@link #iterator(int)}), prepared as {@link #prefetch()}. */
    public Prefetch<Batch> prefetch(int batches) {
        return new Prefetch<>(iterator(batches), AHEAD);
    }

    private Batch batch(int[] order, int from, int to) {
        int n = to - from;
        int image = set.imageBytes();
        float[] out = new float[n * image];
        int[] labels = new int[n];
        for (int b = 0; b < n; b++) {
            int index = order[from + b];
            labels[b] = set.labels()[index];
            writeImage(index, out, b * image);
        }
        return new Batch(out, labels, n, set.channels(), set.height(), set.width());
    }

    /** Writes one cropped, flipped and normalized image; the crop and flip are drawn here. */
    private void writeImage(int index, float[] out, int dst) {
        int h = set.height();
        int w = set.width();
        int pad = augmentation.cropPadding();
        int dy = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
        int dx = pad > 0 ? random.nextInt(2 * pad + 1) - pad : 0;
        boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
        byte[] pixels = set.pixels();
        for (int c = 0; c < set.channels(); c++) {
            float[] t = table[c];
            float zero = t[0];
            int plane = (index * set.channels() + c) * h * w;
            for (int y = 0; y < h; y++) {
                int row = dst + (c * h + y) * w;
                int sy = y + dy;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(out, row, row + w, zero);
                    continue;
                }
                int src = plane + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = (flip ? w - 1 - x : x) + dx;
                    out[row + x] = sx < 0 || sx >= w ? zero : t[pixels[src + sx] & 0xff];
                }
            }
        }
    }
}
