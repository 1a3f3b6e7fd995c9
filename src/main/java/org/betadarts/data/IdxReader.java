package org.betadarts.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.betadarts.io.UserError;

/**
 * Reads MNIST-style IDX files (unsigned bytes, big-endian header), plain or gzipped, as used by MNIST and
 * Fashion-MNIST: {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]} and the same
 * with prefix {@code t10k}, from a directory or, gzipped, from a folder of the class path.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    static final int CLASSES = 10;

    private IdxReader() {}

    /** Reads the split with the given prefix ({@code train} or {@code t10k}) from a directory. */
    public static ImageSet read(Path dir, String prefix) {
        Path imageFile = locate(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = locate(dir, prefix + "-labels-idx1-ubyte");
        return imageSet(readFile(imageFile, IMAGES_MAGIC, 3), imageFile.toString(),
                readFile(labelFile, LABELS_MAGIC, 1), labelFile.toString());
    }

    /**
     * Reads the split with the given prefix from the gzipped IDX files in a class-path folder such as
     * {@code /org/betadarts/data/fashion-mnist-10k}.
     */
    static ImageSet readResource(String folder, String prefix) {
        String images = folder + "/" + prefix + "-images-idx3-ubyte.gz";
        String labels = folder + "/" + prefix + "-labels-idx1-ubyte.gz";
        return imageSet(readClassPathFile(images, IMAGES_MAGIC, 3), "class-path resource " + images,
                readClassPathFile(labels, LABELS_MAGIC, 1), "class-path resource " + labels);
    }

    /** The images of one IDX file with the labels of another; the names say which files in messages. */
    private static ImageSet imageSet(Idx images, String imageName, Idx labelIdx, String labelName) {
        int[] shape = images.dims();
        byte[] labelBytes = labelIdx.data();
        if (shape[0] != labelBytes.length) {
            throw new UserError(imageName + " holds " + shape[0] + " images but " + labelName + " holds "
                    + labelBytes.length + " labels");
        }
        int[] labels = new int[labelBytes.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelBytes[i] & 0xff;
            if (labels[i] >= CLASSES) {
                throw new UserError(labelName + ": label " + labels[i] + " of item " + i + " is not below "
                        + CLASSES);
            }
        }
        return new ImageSet(images.data(), labels, 1, shape[1], shape[2]);
    }

    /** The file {@code name} or {@code name.gz} in {@code dir}. */
    static Path locate(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new UserError("missing file " + gz + " (or " + name + " uncompressed) in " + dir);
    }

    /** The dimensions and data bytes of one IDX file. */
    record Idx(int[] dims, byte[] data) {}

    /** Reads one IDX file with the given magic number and number of dimensions. */
    static Idx readFile(Path file, int magic, int dimCount) {
        return read(() -> Files.newInputStream(file), file.getFileName().toString().endsWith(".gz"),
                file.toString(), magic, dimCount);
    }

    /** Reads one gzipped IDX file of the class path, by its absolute resource name. */
    static Idx readClassPathFile(String name, int magic, int dimCount) {
        return read(() -> {
            InputStream in = IdxReader.class.getResourceAsStream(name);
            if (in == null) {
                throw new FileNotFoundException("not on the class path");
            }
            return in;
        }, true, "class-path resource " + name, magic, dimCount);
    }

    /** Opens the bytes of one IDX file. */
    private interface Source {
        InputStream open() throws IOException;
    }

    /** Reads one IDX file, plain or gzipped, from {@code source}; {@code name} says which in messages. */
    private static Idx read(Source source, boolean gzipped, String name, int magic, int dimCount) {
        try (InputStream raw = source.open();
             DataInputStream in = new DataInputStream(new BufferedInputStream(
                     gzipped ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16))) {
            int found = in.readInt();
            if (found != magic) {
                throw new UserError(name + ": wrong magic number 0x" + String.format("%08x", found)
                        + ", expected 0x" + String.format("%08x", magic));
            }
            int[] dims = new int[dimCount];
            long length = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readInt();
                if (dims[i] <= 0 && !(i == 0 && dims[i] == 0)) {
                    throw new UserError(name + ": invalid dimension " + dims[i] + " in header");
                }
                length *= dims[i];
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new UserError(name + ": header declares " + length + " bytes, too many to hold");
            }
            byte[] data = new byte[(int) length];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new UserError(name + " is truncated: header declares " + length + " data bytes, found "
                        + read);
            }
            if (in.read() != -1) {
                throw new UserError(name + " is longer than its header declares (" + length + " data bytes)");
            }
            return new Idx(dims, data);
        } catch (EOFException e) {
            throw new UserError(name + " is truncated", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
