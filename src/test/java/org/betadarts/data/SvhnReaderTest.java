package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvhnReaderTest {
    private static final int[] MAT_LABELS = {10, 3, 1, 9, 10};

    @TempDir
    Path dir;

    private Path train() {
        return dir.resolve("train_32x32.mat");
    }

    private void write(ByteOrder order, boolean compress, boolean doubles) throws IOException {
        MatFiles m = new MatFiles(order);
        m.add("__note", MatFiles.CELL, new int[] {1, 1}, MatReader.MI_UINT8, new byte[] {1}, compress);
        m.add("X", MatFiles.UINT8_CLASS, new int[] {32, 32, 3, 5}, MatReader.MI_UINT8, MatFiles.svhnX(5), compress);
        byte[] y = new byte[5];
        for (int i = 0; i < 5; i++) {
            y[i] = (byte) MAT_LABELS[i];
        }
        double[] yd = Arrays.stream(MAT_LABELS).asDoubleStream().toArray();
        m.add("y", MatFiles.DOUBLE, new int[] {5, 1}, doubles ? MatReader.MI_DOUBLE : MatReader.MI_UINT8,
                doubles ? m.doubles(yd) : y, compress);
        Files.write(train(), m.toByteArray());
    }

    @Test
    void readsPlainAndCompressedInBothByteOrders() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            for (boolean compress : new boolean[] {false, true}) {
                for (boolean doubles : new boolean[] {false, true}) {
                    write(order, compress, doubles);
                    ImageSet set = SvhnReader.read(dir, true);
                    String how = order + " compressed " + compress + " doubles " + doubles;
                    assertEquals(3, set.channels(), how);
                    assertEquals(32, set.height(), how);
                    assertArrayEquals(new int[] {0, 3, 1, 9, 0}, set.labels(), how);
                    assertArrayEquals(TestFiles.pattern(5, 3, 32, 32), set.pixels(), how);
                }
            }
        }
    }

    @Test
    void loadsAsDataset() throws IOException {
        write(ByteOrder.LITTLE_ENDIAN, true, true);
        MatFiles test = new MatFiles(ByteOrder.LITTLE_ENDIAN);
        test.add("X", MatFiles.UINT8_CLASS, new int[] {32, 32, 3}, MatReader.MI_UINT8, MatFiles.svhnX(1), false);
        test.add("y", MatFiles.DOUBLE, new int[] {1, 1}, MatReader.MI_DOUBLE, test.doubles(4), false);
        Files.write(dir.resolve("test_32x32.mat"), test.toByteArray());
        Dataset d = Datasets.load("svhn", dir);
        assertEquals(5, d.train().size());
        assertArrayEquals(new int[] {4}, d.test().labels());
        assertEquals("0", d.classNames().get(0));
        assertArrayEquals(new float[] {0.4377f, 0.4438f, 0.4728f}, d.mean());
        assertArrayEquals(new float[] {0.1980f, 0.2010f, 0.1970f}, d.std());
        assertEquals(new Augmentation(4, false), d.augmentation());
    }

    private String failure() {
        UserError e = assertThrows(UserError.class, () -> SvhnReader.read(dir, true));
        assertTrue(e.getMessage().contains(train().toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    private void writeVariables(boolean compress, byte[]... matrices) throws IOException {
        MatFiles m = new MatFiles(ByteOrder.LITTLE_ENDIAN);
        for (byte[] matrix : matrices) {
            m.add(matrix, compress);
        }
        Files.write(train(), m.toByteArray());
    }

    @Test
    void truncatedFiles() throws IOException {
        write(ByteOrder.LITTLE_ENDIAN, false, false);
        byte[] plain = Files.readAllBytes(train());
        Files.write(train(), Arrays.copyOf(plain, plain.length - 20));
        assertTrue(failure().contains("declares"));
        write(ByteOrder.LITTLE_ENDIAN, true, false);
        byte[] compressed = Files.readAllBytes(train());
        Files.write(train(), Arrays.copyOf(compressed, compressed.length - 3));
        assertTrue(failure().contains("declares"));
        Files.write(train(), Arrays.copyOf(compressed, 100));
        assertTrue(failure().contains("truncated"));
    }

    @Test
    void corruptCompressedData() throws IOException {
        MatFiles m = new MatFiles(ByteOrder.LITTLE_ENDIAN);
        writeVariables(true, m.matrix("X", MatFiles.UINT8_CLASS, new int[] {32, 32, 3, 5}, MatReader.MI_UINT8,
                MatFiles.svhnX(5)));
        byte[] bytes = Files.readAllBytes(train());
        for (int i = bytes.length / 2; i < bytes.length / 2 + 8; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(train(), bytes);
        String message = failure();
        assertTrue(message.contains("corrupt compressed data"), message);
    }

    @Test
    void notAMatFile() throws IOException {
        Files.writeString(train(), "hello");
        assertTrue(failure().contains("not a MATLAB 5.0 MAT-file"));
        byte[] v73 = new byte[512];
        byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, v73, 0, text.length);
        Files.write(train(), v73);
        assertTrue(failure().contains("-v7"));
    }

    @Test
    void wrongShapesAndLabels() throws IOException {
        MatFiles m = new MatFiles(ByteOrder.LITTLE_ENDIAN);
        byte[] grey = m.matrix("X", MatFiles.UINT8_CLASS, new int[] {32, 32, 1, 3}, MatReader.MI_UINT8,
                new byte[3072]);
        byte[] y3 = m.matrix("y", MatFiles.DOUBLE, new int[] {3, 1}, MatReader.MI_DOUBLE, m.doubles(1, 2, 3));
        writeVariables(false, grey, y3);
        assertTrue(failure().contains("X is uint8 32x32x1x3, expected uint8 32x32x3xN"));
        byte[] x1 = m.matrix("X", MatFiles.UINT8_CLASS, new int[] {32, 32, 3, 1}, MatReader.MI_UINT8,
                new byte[3072]);
        writeVariables(true, x1, y3);
        assertTrue(failure().contains("1 images in X but 3 labels in y"));
        byte[] y11 = m.matrix("y", MatFiles.DOUBLE, new int[] {1, 1}, MatReader.MI_DOUBLE, m.doubles(11));
        writeVariables(false, x1, y11);
        assertTrue(failure().contains("label 11.0 of image 0"));
        byte[] half = m.matrix("y", MatFiles.DOUBLE, new int[] {1, 1}, MatReader.MI_DOUBLE, m.doubles(2.5));
        writeVariables(false, x1, half);
        assertTrue(failure().contains("label 2.5"));
        writeVariables(false, x1);
        assertTrue(failure().contains("no variable y"));
    }

    @Test
    void declaredSizesAreCheckedBeforeAllocating() throws IOException {
        MatFiles m = new MatFiles(ByteOrder.LITTLE_ENDIAN);
        byte[] x = m.matrix("X", MatFiles.UINT8_CLASS, new int[] {32, 32, 3, 1}, MatReader.MI_UINT8, new byte[3072]);
        ByteBuffer b = ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN);
        int dims = 8 + 16 + 8;
        b.putInt(dims + 12, 600_000);
        int real = dims + 16 + 8;
        b.putInt(real + 4, 600_000 * 3072);
        writeVariables(false, x);
        assertTrue(failure().contains("declares"));
        writeVariables(true, x);
        String message = failure();
        assertTrue(message.contains("declares 1843200000 bytes but at most"), message);
        byte[] bomb = Arrays.copyOf(x, 64);
        ByteBuffer.wrap(bomb).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2_000_000_000);
        writeVariables(true, bomb);
        assertTrue(failure().contains("more than zlib can expand"));
    }
}
