package org.betadarts.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small dataset files for tests. */
public final class TestFiles {
    private TestFiles() {}

    /** An IDX file with the given magic number, dimensions and data. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** Pixels where image i, row y, column x holds (7 i + 3 y + x) mod 256. */
    static byte[] pattern(int n, int channels, int h, int w) {
        byte[] out = new byte[n * channels * h * w];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[k++] = (byte) (7 * i + 11 * c + 3 * y + x);
                    }
                }
            }
        }
        return out;
    }

    /** Writes train and t10k IDX image and label files for n 28x28 images with the given labels. */
    public static void writeMnist(Path dir, String prefix, int[] labels, boolean gz) throws IOException {
        int n = labels.length;
        byte[] labelBytes = new byte[n];
        for (int i = 0; i < n; i++) {
            labelBytes[i] = (byte) labels[i];
        }
        byte[] images = idx(IdxReader.IMAGES_MAGIC, new int[] {n, 28, 28}, pattern(n, 1, 28, 28));
        byte[] lab = idx(IdxReader.LABELS_MAGIC, new int[] {n}, labelBytes);
        String suffix = gz ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gz ? gzip(images) : images);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gz ? gzip(lab) : lab);
    }

    /** CIFAR binary records: each label prefix followed by the pattern image of that record. */
    static byte[] cifarRecords(int[][] labelPrefixes, int firstImage) {
        int labelBytes = labelPrefixes[0].length;
        int record = labelBytes + CifarReader.IMAGE_BYTES;
        byte[] out = new byte[labelPrefixes.length * record];
        for (int r = 0; r < labelPrefixes.length; r++) {
            for (int j = 0; j < labelBytes; j++) {
                out[r * record + j] = (byte) labelPrefixes[r][j];
            }
            byte[] image = pattern(firstImage + r + 1, 3, 32, 32);
            System.arraycopy(image, (firstImage + r) * CifarReader.IMAGE_BYTES, out, r * record + labelBytes,
                    CifarReader.IMAGE_BYTES);
        }
        return out;
    }
}
