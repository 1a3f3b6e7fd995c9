package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void loadsFashionMnistFromGzippedFiles() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {9, 0, 4}, true);
        TestFiles.writeMnist(dir, "t10k", new int[] {2}, true);
        Dataset d = Datasets.load("fashion-mnist", dir);
        assertEquals("fashion-mnist", d.name());
        assertEquals(10, d.numClasses());
        assertEquals("Ankle boot", d.classNames().get(d.train().labels()[0]));
        assertEquals(3, d.train().size());
        assertEquals(1, d.test().size());
        assertArrayEquals(new float[] {0.2860f}, d.mean());
        assertArrayEquals(new float[] {0.3530f}, d.std());
        assertEquals(new Augmentation(2, true), d.augmentation());
    }

    @Test
    void mnistIsNeverFlipped() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1}, false);
        TestFiles.writeMnist(dir, "t10k", new int[] {2}, false);
        Dataset d = Datasets.load("mnist", dir);
        assertFalse(d.augmentation().horizontalFlip());
        assertEquals("2", d.classNames().get(d.test().labels()[0]));
    }

    @Test
    void loadsCifar10WithReferenceConstants() throws IOException {
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), TestFiles.cifarRecords(new int[][] {{b}}, 0));
        }
        Files.write(dir.resolve("test_batch.bin"), TestFiles.cifarRecords(new int[][] {{0}}, 0));
        Dataset d = Datasets.load("cifar10", dir);
        assertEquals(5, d.train().size());
        assertArrayEquals(new float[] {0.4914f, 0.4822f, 0.4465f}, d.mean());
        assertArrayEquals(new float[] {0.2470f, 0.2435f, 0.2616f}, d.std());
        assertEquals(new Augmentation(4, true), d.augmentation());
        assertEquals(0, d.validation().size());
        assertEquals(3, d.validation().channels());
        assertNull(d.split());
    }

    @Test
    void unknownNameListsValidNames() {
        UserError e = assertThrows(UserError.class, () -> Datasets.load("imagenet", dir));
        for (String name : Datasets.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertTrue(e.getMessage().contains("imagenet"));
    }

    @Test
    void missingDirectoryAsksForDataDir() {
        UserError e = assertThrows(UserError.class, () -> Datasets.load("cifar100", null));
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
        for (String name : List.of("mnist", "cifar10", "imagenet16-120", "svhn", "folder")) {
            e = assertThrows(UserError.class, () -> Datasets.source(name, null));
            assertTrue(e.getMessage().contains("no data directory for " + name), e.getMessage());
        }
        assertEquals(Datasets.BUNDLED_FASHION_MNIST, Datasets.source("fashion-mnist", null));
        assertEquals(dir.toString(), Datasets.source("fashion-mnist", dir));
        Path absent = dir.resolve("absent");
        e = assertThrows(UserError.class, () -> Datasets.load("mnist", absent));
        assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
    }

    @Test
    void limitKeepsFirstImages() {
        ImageSet train = new ImageSet(TestFiles.pattern(5, 1, 2, 3), new int[] {0, 1, 2, 3, 4}, 1, 2, 3);
        ImageSet test = new ImageSet(TestFiles.pattern(2, 1, 2, 3), new int[] {4, 3}, 1, 2, 3);
        Dataset d = new Dataset("t", train, test, List.of("a", "b", "c", "d", "e"), new float[] {0.5f},
                new float[] {0.5f}, Augmentation.NONE);
        Dataset small = d.limit(3, 10);
        assertArrayEquals(new int[] {0, 1, 2}, small.train().labels());
        assertArrayEquals(Arrays.copyOf(train.pixels(), 18), small.train().pixels());
        assertSame(test, small.test());
        assertEquals(5, small.numClasses());
    }
}
