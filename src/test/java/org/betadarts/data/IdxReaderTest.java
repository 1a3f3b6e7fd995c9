package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private void assertReadsBack(boolean gz) throws IOException {
        int[] labels = {3, 0, 9, 5};
        TestFiles.writeMnist(dir, "train", labels, gz);
        ImageSet set = IdxReader.read(dir, "train");
        assertEquals(4, set.size());
        assertEquals(1, set.channels());
        assertEquals(28, set.height());
        assertEquals(28, set.width());
        assertArrayEquals(labels, set.labels());
        assertArrayEquals(TestFiles.pattern(4, 1, 28, 28), set.pixels());
        assertEquals((7 * 2 + 3 * 5 + 6) & 0xff, set.pixel(2, 0, 5, 6));
    }

    @Test
    void readsPlainFiles() throws IOException {
        assertReadsBack(false);
    }

    @Test
    void readsGzippedFiles() throws IOException {
        assertReadsBack(true);
    }

    private UserError failure(Path file) {
        UserError e = assertThrows(UserError.class, () -> IdxReader.read(dir, "train"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void missingFileNamesIt() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 2}, true);
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        Files.delete(labels);
        assertTrue(failure(labels).getMessage().contains("missing"));
    }

    @Test
    void wrongMagicNumber() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 2}, false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        bytes[3] = 0x01;
        Files.write(images, bytes);
        assertTrue(failure(images).getMessage().contains("magic"));
    }

    @Test
    void truncatedPlainFile() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 2}, false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 1));
        assertTrue(failure(images).getMessage().contains("truncated"));
    }

    @Test
    void truncatedHeader() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 2}, false);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.write(labels, new byte[] {0, 0, 8, 1, 0});
        assertTrue(failure(labels).getMessage().contains("truncated"));
    }

    @Test
    void truncatedGzipFile() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 2}, true);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length / 2));
        failure(images);
    }

    @Test
    void extraBytes() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 2}, false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length + 1));
        assertTrue(failure(images).getMessage().contains("longer"));
    }

    @Test
    void labelOutOfRange() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 10}, false);
        assertTrue(failure(dir.resolve("train-labels-idx1-ubyte")).getMessage().contains("label 10"));
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        TestFiles.writeMnist(dir, "train", new int[] {1, 2}, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"),
                TestFiles.idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {1, 2, 3}));
        UserError e = failure(dir.resolve("train-images-idx3-ubyte"));
        assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"), e.getMessage());
    }
}
