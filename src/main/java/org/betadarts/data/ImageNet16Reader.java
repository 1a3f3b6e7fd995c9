package org.betadarts.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.betadarts.io.UserError;

/**
 * Reads ImageNet16-120 as NAS-Bench-201 defines it from the downsampled ImageNet 16x16 files
 * {@code train_data_batch_1}..{@code train_data_batch_10} and {@code val_data}: Python pickles of a dict whose
 * {@code 'data'} is a uint8 numpy array of shape (N, 768) (red, green and blue planes of 16x16) and whose
 * {@code 'labels'} is a list of N ImageNet labels 1..1000. Only images with labels 1..120 are kept, with label
 * k becoming class k - 1. The directory may be the data folder itself or contain {@code ImageNet16/}.
 * The pickles are read by {@link SafeUnpickler}; the image bytes are streamed from the files straight into
 * the one array that holds the kept images.
 */
public final class ImageNet16Reader {
    static final int CHANNELS = 3;
    static final int SIDE = 16;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    static final int CLASSES = 120;
    static final int IMAGENET_CLASSES = 1000;
    static final int TRAIN_BATCHES = 10;

    private ImageNet16Reader() {}

    /** The training images (all ten batches) or the validation images, which serve as test images. */
    public static ImageSet read(Path dir, boolean train) {
        return read(dir, train, SafeUnpickler.INLINE_LIMIT);
    }

    /** The class names class_0..class_119; class_k is ImageNet label k + 1. */
    public static List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CLASSES; i++) {
            names.add("class_" + i);
        }
        return names;
    }

    static ImageSet read(Path dir, boolean train, long inlineLimit) {
        Path folder = Files.isDirectory(dir.resolve("ImageNet16")) ? dir.resolve("ImageNet16") : dir;
        List<Path> files = new ArrayList<>();
        if (train) {
            for (int i = 1; i <= TRAIN_BATCHES; i++) {
                files.add(folder.resolve("train_data_batch_" + i));
            }
        } else {
            files.add(folder.resolve("val_data"));
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UserError("missing file " + file);
            }
        }
        List<Part> parts = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            Part part = part(file, inlineLimit);
            parts.add(part);
            total += part.kept();
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new UserError("too many images to hold: " + total);
        }
        byte[] pixels = new byte[(int) total * IMAGE_BYTES];
        int[] labels = new int[(int) total];
        int n = 0;
        for (Part part : parts) {
            n = copy(part, pixels, labels, n);
        }
        return new ImageSet(pixels, labels, CHANNELS, SIDE, SIDE);
    }

    /** One file: its image array, still unread, and all its labels. */
    private record Part(Path file, NumpyArray data, int[] labels, int kept) {}

    private static Part part(Path file, long inlineLimit) {
        Object root = SafeUnpickler.load(file, inlineLimit);
        if (!(root instanceof Map<?, ?> dict)) {
            throw new UserError(file + ": expected a dict with 'data' and 'labels', found a "
                    + PickleValues.typeName(root));
        }
        if (!(dict.get("data") instanceof NumpyArray data) || !data.hasState()) {
            throw new UserError(file + ": 'data' is not a numpy array but "
                    + PickleValues.typeName(dict.get("data")));
        }
        if (!data.dtype().equals("u1")) {
            throw new UserError(file + ": 'data' has dtype " + data.dtype() + ", expected uint8 (u1)");
        }
        long[] shape = data.shape();
        boolean flat = shape.length == 2 && shape[1] == IMAGE_BYTES;
        boolean planes = shape.length == 4 && shape[1] == CHANNELS && shape[2] == SIDE && shape[3] == SIDE;
        if (!flat && !planes) {
            throw new UserError(file + ": 'data' has shape " + NumpyArray.shape(shape) + ", expected (N, "
                    + IMAGE_BYTES + ")");
        }
        if (data.fortranOrder() && shape[0] > 1) {
            throw new UserError(file + ": 'data' is stored in Fortran order, expected C order");
        }
        List<?> list = labelList(file, dict.get("labels"));
        if (list.size() != shape[0]) {
            throw new UserError(file + " holds " + shape[0] + " images but " + list.size() + " labels");
        }
        int[] labels = new int[list.size()];
        int kept = 0;
        for (int i = 0; i < labels.length; i++) {
            Long label = PickleValues.integer(list.get(i));
            if (label == null || label < 1 || label > IMAGENET_CLASSES) {
                throw new UserError(file + ": label " + list.get(i) + " of image " + i + " is not in 1.."
                        + IMAGENET_CLASSES);
            }
            labels[i] = label.intValue();
            kept += labels[i] <= CLASSES ? 1 : 0;
        }
        return new Part(file, data, labels, kept);
    }

    private static List<?> labelList(Path file, Object labels) {
        if (labels instanceof List<?> list) {
            return list;
        }
        if (labels instanceof Object[] tuple) {
            return Arrays.asList(tuple);
        }
        throw new UserError(file + ": 'labels' is not a list but " + PickleValues.typeName(labels));
    }

    /** Streams the kept images of one file into {@code pixels} from image {@code n} on; returns the next n. */
    private static int copy(Part part, byte[] pixels, int[] labels, int n) {
        try (InputStream in = part.data().open(part.file())) {
            for (int label : part.labels()) {
                if (label <= CLASSES) {
                    if (in.readNBytes(pixels, n * IMAGE_BYTES, IMAGE_BYTES) < IMAGE_BYTES) {
                        throw new EOFException();
                    }
                    labels[n++] = label - 1;
                } else {
                    in.skipNBytes(IMAGE_BYTES);
                }
            }
            if (in.read() != -1) {
                throw new UserError(part.file() + ": 'data' holds more bytes than its shape");
            }
        } catch (EOFException e) {
            throw new UserError(part.file() + " is truncated in 'data'", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + part.file() + ": " + e.getMessage(), e);
        }
        return n;
    }
}
