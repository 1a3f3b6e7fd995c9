package org.betadarts.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.betadarts.io.UserError;

/**
 * The fixed split of an image folder into training, validation and test files, as paths relative to the
 * folder with {@code /} separators ({@code cat/0001.png}). Classes are the subfolders, sorted by name; the
 * images of a class are the PNG and JPEG files anywhere below its subfolder, sorted by path. Each class's
 * files are shuffled with a seed made from the class name, then {@link #TEST_PORTION} of them (rounded) go to
 * test, as many to validation and the rest to training; each portion is then shuffled with a fixed seed so
 * that classes are interleaved. The same folder always gives the same split, and adding a class does not
 * move the files of the others between portions.
 */
public record FolderSplit(List<String> classNames, List<String> train, List<String> validation, List<String> test) {
    public static final double TEST_PORTION = 0.1;
    public static final double VALIDATION_PORTION = 0.1;
    static final long SEED = 0x5eed_f01dL;

    public FolderSplit {
        classNames = List.copyOf(classNames);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** Lists the image folder {@code dir} and splits it; no image is decoded. */
    public static FolderSplit of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("image folder not found: " + dir);
        }
        List<String> classes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> Files.isDirectory(p) && !hidden(p))
                    .forEach(p -> classes.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(classes);
        if (classes.size() < 2) {
            throw new UserError(dir + ": an image folder needs one subfolder per class and at least two classes, found "
                    + classes.size());
        }
        List<String> train = new ArrayList<>();
        List<String> validation = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (String name : classes) {
            List<String> files = images(dir, name);
            Collections.shuffle(files, new Random(SEED * 31 + name.hashCode()));
            int n = files.size();
            int nTest = (int) Math.round(n * TEST_PORTION);
            int nValidation = (int) Math.round(n * VALIDATION_PORTION);
            test.addAll(files.subList(0, nTest));
            validation.addAll(files.subList(nTest, nTest + nValidation));
            train.addAll(files.subList(nTest + nValidation, n));
        }
        Collections.shuffle(train, new Random(SEED));
        Collections.shuffle(validation, new Random(SEED + 1));
        Collections.shuffle(test, new Random(SEED + 2));
        return new FolderSplit(classes, train, validation, test);
    }

    /** The class index of a relative path: the position of its first path element among the class names. */
    public int classOf(String path) {
        int slash = path.indexOf('/');
        int index = slash < 0 ? -1 : Collections.binarySearch(classNames, path.substring(0, slash));
        if (index < 0) {
            throw new IllegalArgumentException("not in a class folder: " + path);
        }
        return index;
    }

    private static List<String> images(Path dir, String className) {
        Path folder = dir.resolve(className);
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> Files.isRegularFile(p) && isImage(p) && !hiddenBelow(folder, p))
                    .forEach(p -> {
                        List<String> parts = new ArrayList<>();
                        for (Path part : dir.relativize(p)) {
                            parts.add(part.toString());
                        }
                        files.add(String.join("/", parts));
                    });
        } catch (IOException e) {
            throw new UserError("cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new UserError(folder + ": class folder holds no PNG or JPEG images");
        }
        Collections.sort(files);
        return files;
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean hiddenBelow(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
