package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNet16ReaderTest {
    private static final int IMAGE = ImageNet16Reader.IMAGE_BYTES;

    @TempDir
    Path dir;

    /** Labels of file f: image i gets a label that is kept (1..120) for even i, dropped (121..1000) for odd i. */
    private static int[] labels(int file, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2 == 0 ? 1 + (7 * file + i) % 120 : 121 + (13 * file + i) % 880;
        }
        return labels;
    }

    /** Writes ten training batches of n images each and a validation file of n images. */
    private void write(Path folder, Pickles.Style style, int n) throws IOException {
        Files.createDirectories(folder);
        for (int f = 0; f <= 10; f++) {
            byte[] data = Arrays.copyOfRange(TestFiles.pattern(11 * n, 3, 16, 16), f * n * IMAGE, (f + 1) * n * IMAGE);
            String name = f == 10 ? "val_data" : "train_data_batch_" + (f + 1);
            Files.write(folder.resolve(name), Pickles.imageNet16(style, data, new long[] {n, IMAGE}, labels(f, n)));
        }
    }

    private static void assertKeepsFirst120Classes(ImageSet set, int fromFile, int files, int n) {
        byte[] all = TestFiles.pattern(11 * n, 3, 16, 16);
        int k = 0;
        for (int f = fromFile; f < fromFile + files; f++) {
            int[] labels = labels(f, n);
            for (int i = 0; i < n; i++) {
                if (labels[i] <= 120) {
                    assertEquals(labels[i] - 1, set.labels()[k], "label of kept image " + k);
                    int from = (f * n + i) * IMAGE;
                    assertArrayEquals(Arrays.copyOfRange(all, from, from + IMAGE),
                            Arrays.copyOfRange(set.pixels(), k * IMAGE, (k + 1) * IMAGE), "pixels of image " + k);
                    k++;
                }
            }
        }
        assertEquals(k, set.size());
    }

    @Test
    void readsEachPickleStyleInMemoryAndStreamed() throws IOException {
        for (Pickles.Style style : Pickles.Style.values()) {
            Path folder = dir.resolve(style.name());
            write(folder, style, 6);
            for (long limit : new long[] {SafeUnpickler.INLINE_LIMIT, 1000}) {
                ImageSet train = ImageNet16Reader.read(folder, true, limit);
                assertEquals(3, train.channels());
                assertEquals(16, train.height());
                assertEquals(16, train.width());
                assertEquals(30, train.size());
                assertKeepsFirst120Classes(train, 0, 10, 6);
                assertKeepsFirst120Classes(ImageNet16Reader.read(folder, false, limit), 10, 1, 6);
            }
        }
    }

    @Test
    void findsImageNet16Subfolder() throws IOException {
        write(dir.resolve("ImageNet16"), Pickles.Style.PY2, 2);
        assertEquals(1, ImageNet16Reader.read(dir, false).size());
        assertEquals(120, ImageNet16Reader.classNames().size());
        assertEquals("class_119", ImageNet16Reader.classNames().get(119));
    }

    @Test
    void loadsAsDataset() throws IOException {
        write(dir, Pickles.Style.PY3_PROTOCOL4, 4);
        Dataset d = Datasets.load("imagenet16-120", dir);
        assertEquals(120, d.numClasses());
        assertEquals(20, d.train().size());
        assertEquals(2, d.test().size());
        assertArrayEquals(new float[] {122.68f / 255, 116.66f / 255, 104.01f / 255}, d.mean(), 1e-6f);
        assertArrayEquals(new float[] {63.22f / 255, 61.26f / 255, 65.09f / 255}, d.std(), 1e-6f);
        assertEquals(new Augmentation(2, true), d.augmentation());
    }

    private String failure(Path file) {
        UserError e = assertThrows(UserError.class, () -> ImageNet16Reader.read(dir, false));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void missingFile() throws IOException {
        write(dir, Pickles.Style.PY2, 2);
        Files.delete(dir.resolve("train_data_batch_7"));
        UserError e = assertThrows(UserError.class, () -> ImageNet16Reader.read(dir, true));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("train_data_batch_7"), e.getMessage());
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path file = dir.resolve("val_data");
        Files.write(file, Pickles.imageNet16(Pickles.Style.PY2, new byte[2 * IMAGE], new long[] {2, IMAGE},
                new int[] {3, 1001}));
        assertTrue(failure(file).contains("label 1001 of image 1"));
        Files.write(file, Pickles.imageNet16(Pickles.Style.PY2, new byte[IMAGE], new long[] {1, IMAGE}, new int[] {0}));
        assertTrue(failure(file).contains("label 0 of image 0"));
    }

    @Test
    void wrongShapeOrCount() throws IOException {
        Path file = dir.resolve("val_data");
        Files.write(file, Pickles.imageNet16(Pickles.Style.PY2, new byte[2 * 3072], new long[] {2, 3072},
                new int[] {1, 2}));
        assertTrue(failure(file).contains("shape (2, 3072), expected (N, 768)"));
        Files.write(file, Pickles.imageNet16(Pickles.Style.PY2, new byte[2 * IMAGE], new long[] {2, IMAGE},
                new int[] {1, 2, 3}));
        assertTrue(failure(file).contains("2 images but 3 labels"));
    }

    @Test
    void truncatedData() throws IOException {
        write(dir, Pickles.Style.PY2, 4);
        Path file = dir.resolve("val_data");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        String short100 = failure(file);
        assertTrue(short100.contains("declares " + 4 * IMAGE + " bytes"), short100);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 2));
        String cut = failure(file);
        assertTrue(cut.contains("truncated"), cut);
    }

    @Test
    void notADict() throws IOException {
        Path file = dir.resolve("val_data");
        Files.write(file, new PickleBytes().proto(2).op(']').op('.').toByteArray());
        assertTrue(failure(file).contains("expected a dict"));
    }
}
