package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class CifarReaderTest {
    @TempDir
    Path dir;

    /** Writes five training batches of two images each (labels 0..9) and a test batch of one image. */
    private Path writeCifar10(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (int b = 0; b < 5; b++) {
            Files.write(folder.resolve("data_batch_" + (b + 1) + ".bin"),
                    TestFiles.cifarRecords(new int[][] {{2 * b}, {2 * b + 1}}, 2 * b));
        }
        Files.write(folder.resolve("test_batch.bin"), TestFiles.cifarRecords(new int[][] {{7}}, 0));
        return folder;
    }

    @Test
    void readsCifar10FromSubfolder() throws IOException {
        writeCifar10(dir.resolve("cifar-10-batches-bin"));
        ImageSet train = CifarReader.cifar10(dir, true);
        assertEquals(10, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, train.labels());
        assertArrayEquals(TestFiles.pattern(10, 3, 32, 32), train.pixels());
        ImageSet test = CifarReader.cifar10(dir, false);
        assertArrayEquals(new int[] {7}, test.labels());
        assertArrayEquals(TestFiles.pattern(1, 3, 32, 32), test.pixels());
        assertEquals(CifarReader.CIFAR10_CLASSES, CifarReader.cifar10Classes(dir));
    }

    @Test
    void readsCifar10ClassNamesFromMetaFile() throws IOException {
        Path folder = writeCifar10(dir);
        Files.writeString(folder.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), CifarReader.cifar10Classes(dir));
        assertEquals(10, CifarReader.cifar10(dir, true).size());
    }

    @Test
    void readsCifar100FineLabels() throws IOException {
        Path folder = dir.resolve("cifar-100-binary");
        Files.createDirectories(folder);
        Files.write(folder.resolve("train.bin"), TestFiles.cifarRecords(new int[][] {{19, 99}, {0, 42}, {5, 0}}, 0));
        Files.write(folder.resolve("test.bin"), TestFiles.cifarRecords(new int[][] {{3, 7}}, 0));
        ImageSet train = CifarReader.cifar100(dir, true);
        assertArrayEquals(new int[] {99, 42, 0}, train.labels());
        assertArrayEquals(TestFiles.pattern(3, 3, 32, 32), train.pixels());
        assertArrayEquals(new int[] {7}, CifarReader.cifar100(dir, false).labels());
        List<String> names = CifarReader.cifar100Classes(dir);
        assertEquals(100, names.size());
        assertEquals("class_42", names.get(42));
    }

    private void assertFails(Path file, String says, ImageSetSource source) {
        UserError e = assertThrows(UserError.class, source::read);
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(says), e.getMessage());
    }

    private interface ImageSetSource {
        ImageSet read();
    }

    @Test
    void missingBatch() throws IOException {
        Path folder = writeCifar10(dir);
        Files.delete(folder.resolve("data_batch_3.bin"));
        assertFails(folder.resolve("data_batch_3.bin"), "missing", () -> CifarReader.cifar10(dir, true));
    }

    @Test
    void lengthNotMultipleOfRecord() throws IOException {
        Path folder = writeCifar10(dir);
        Path file = folder.resolve("test_batch.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertFails(file, "multiple", () -> CifarReader.cifar10(dir, false));
    }

    @Test
    void cifar10LabelOutOfRange() throws IOException {
        Path folder = writeCifar10(dir);
        Path file = folder.resolve("test_batch.bin");
        Files.write(file, TestFiles.cifarRecords(new int[][] {{1}, {10}}, 0));
        assertFails(file, "label 10", () -> CifarReader.cifar10(dir, false));
    }

    @Test
    void cifar100LabelOutOfRange() throws IOException {
        Path file = dir.resolve("test.bin");
        Files.write(file, TestFiles.cifarRecords(new int[][] {{1, 100}}, 0));
        assertFails(file, "label 100", () -> CifarReader.cifar100(dir, false));
        Files.write(file, TestFiles.cifarRecords(new int[][] {{20, 1}}, 0));
        assertFails(file, "coarse label 20", () -> CifarReader.cifar100(dir, false));
    }

    @Test
    void wrongNumberOfClassNames() throws IOException {
        Path file = dir.resolve("fine_label_names.txt");
        Files.writeString(file, "apple\npear\n");
        UserError e = assertThrows(UserError.class, () -> CifarReader.cifar100Classes(dir));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("found 2"), e.getMessage());
    }
}
