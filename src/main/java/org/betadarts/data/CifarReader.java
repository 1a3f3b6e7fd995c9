package org.betadarts.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.betadarts.io.UserError;

/**
 * Reads the binary versions of CIFAR-10 ({@code data_batch_1.bin}..{@code data_batch_5.bin},
 * {@code test_batch.bin}; records of one label byte and 3072 pixel bytes) and CIFAR-100 ({@code train.bin},
 * {@code test.bin}; records of a coarse and a fine label byte and 3072 pixel bytes, the fine label is used).
 * The directory may be the data folder itself or contain {@code cifar-10-batches-bin/} or
 * {@code cifar-100-binary/}.
 */
public final class CifarReader {
    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    static final int COARSE_CLASSES = 20;
    static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private CifarReader() {}

    /** CIFAR-10 training images (all five batches) or test images. */
    public static ImageSet cifar10(Path dir, boolean train) {
        Path folder = folder(dir, "cifar-10-batches-bin");
        List<Path> files = new ArrayList<>();
        if (train) {
            for (int i = 1; i <= 5; i++) {
                files.add(folder.resolve("data_batch_" + i + ".bin"));
            }
        } else {
            files.add(folder.resolve("test_batch.bin"));
        }
        return read(files, 1, 10);
    }

    /** CIFAR-100 training or test images with their fine labels. */
    public static ImageSet cifar100(Path dir, boolean train) {
        Path folder = folder(dir, "cifar-100-binary");
        return read(List.of(folder.resolve(train ? "train.bin" : "test.bin")), 2, 100);
    }

    /** CIFAR-10 class names from {@code batches.meta.txt} when present, else the standard ten. */
    public static List<String> cifar10Classes(Path dir) {
        Path file = folder(dir, "cifar-10-batches-bin").resolve("batches.meta.txt");
        return Files.isRegularFile(file) ? classNames(file, 10) : CIFAR10_CLASSES;
    }

    /** CIFAR-100 fine class names from {@code fine_label_names.txt} when present, else class_0..class_99. */
    public static List<String> cifar100Classes(Path dir) {
        Path file = folder(dir, "cifar-100-binary").resolve("fine_label_names.txt");
        if (Files.isRegularFile(file)) {
            return classNames(file, 100);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("class_" + i);
        }
        return names;
    }

    private static Path folder(Path dir, String subfolder) {
        Path inner = dir.resolve(subfolder);
        return Files.isDirectory(inner) ? inner : dir;
    }

    private static List<String> classNames(Path file, int count) {
        List<String> names = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (names.size() != count) {
            throw new UserError(file + ": expected " + count + " class names, found " + names.size());
        }
        return names;
    }

    /** Reads records of {@code labelBytes} label bytes (the last one is used) and one image from each file. */
    static ImageSet read(List<Path> files, int labelBytes, int classes) {
        int record = labelBytes + IMAGE_BYTES;
        long total = 0;
        for (Path file : files) {
            long size = size(file);
            if (size % record != 0) {
                throw new UserError(file + ": length " + size + " is not a multiple of the record size " + record);
            }
            total += size / record;
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new UserError("too many images to hold: " + total);
        }
        byte[] pixels = new byte[(int) total * IMAGE_BYTES];
        int[] labels = new int[(int) total];
        byte[] buffer = new byte[record];
        int n = 0;
        for (Path file : files) {
            int count = (int) (size(file) / record);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                for (int i = 0; i < count; i++, n++) {
                    if (in.readNBytes(buffer, 0, record) < record) {
                        throw new UserError(file + " is truncated at record " + i);
                    }
                    int label = buffer[labelBytes - 1] & 0xff;
                    if (label >= classes) {
                        throw new UserError(file + ": label " + label + " of record " + i + " is not below "
                                + classes);
                    }
                    if (labelBytes == 2 && (buffer[0] & 0xff) >= COARSE_CLASSES) {
                        throw new UserError(file + ": coarse label " + (buffer[0] & 0xff) + " of record " + i
                                + " is not below " + COARSE_CLASSES);
                    }
                    labels[n] = label;
                    System.arraycopy(buffer, labelBytes, pixels, n * IMAGE_BYTES, IMAGE_BYTES);
                }
            } catch (IOException e) {
                throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new ImageSet(pixels, labels, CHANNELS, SIDE, SIDE);
    }

    private static long size(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("missing file " + file);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
