package org.betadarts.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 *
 * <p>A folder that is split already ({@link #preSplit}): its subfolders are {@code train} and one or more of
 * {@code val}, {@code validation} and {@code test}, each with one subfolder per class
 * ({@code train/cat/0001.png}). Those portions are taken as they are: the classes are the subfolders of
 * {@code train}, test is {@code test} (or the validation folder where there is no {@code test}), validation is
 * the validation folder where there is a {@code test} too, else empty.
 */
public record FolderSplit(List<String> classNames, List<String> train, List<String> validation, List<String> test,
                          boolean preSplit) {
    public static final double TEST_PORTION = 0.1;
    public static final double VALIDATION_PORTION = 0.1;
    static final long SEED = 0x5eed_f01dL;
    static final String TRAIN = "train";
    static final String TEST = "test";
    static final List<String> VALIDATION = List.of("val", "validation");

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
        List<String> classes = subfolders(dir);
        if (isPreSplit(dir, classes)) {
            return given(dir, classes);
        }
        requireClasses(dir, classes);
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
        return interleaved(classes, train, validation, test, false);
    }

    /** Whether {@code dir}, with subfolders {@code top}, is split already: see the class comment. */
    static boolean isPreSplit(Path dir, List<String> top) {
        boolean portionsOnly = top.stream().allMatch(n -> n.equals(TRAIN) || n.equals(TEST) || VALIDATION.contains(n));
        return portionsOnly && top.contains(TRAIN) && top.size() >= 2 && subfolders(dir.resolve(TRAIN)).size() >= 2;
    }

    /** The split of a folder that is split already. */
    private static FolderSplit given(Path dir, List<String> top) {
        List<String> validationFolders = top.stream().filter(VALIDATION::contains).toList();
        if (validationFolders.size() > 1) {
            throw new UserError(dir + ": both val/ and validation/; keep one");
        }
        String validationFolder = validationFolders.isEmpty() ? null : validationFolders.get(0);
        String testFolder = top.contains(TEST) ? TEST : validationFolder;
        List<String> classes = subfolders(dir.resolve(TRAIN));
        requireClasses(dir.resolve(TRAIN), classes);
        List<String> train = portion(dir, TRAIN, classes);
        List<String> test = portion(dir, testFolder, classes);
        List<String> validation = portion(dir, testFolder.equals(validationFolder) ? null : validationFolder, classes);
        return interleaved(classes, train, validation, test, true);
    }

    /** The images of portion folder {@code name} (null: none), each class subfolder one of {@code classes}. */
    private static List<String> portion(Path dir, String name, List<String> classes) {
        List<String> files = new ArrayList<>();
        if (name == null) {
            return files;
        }
        for (String c : subfolders(dir.resolve(name))) {
            if (!classes.contains(c)) {
                throw new UserError(dir.resolve(name).resolve(c) + ": class '" + c + "' has no folder in "
                        + dir.resolve(TRAIN));
            }
            files.addAll(images(dir, name + "/" + c));
        }
        return files;
    }

    /** The portions (fresh lists), each shuffled in place with its fixed seed so that classes are interleaved. */
    private static FolderSplit interleaved(List<String> classes, List<String> train, List<String> validation,
                                           List<String> test, boolean preSplit) {
        Collections.shuffle(train, new Random(SEED));
        Collections.shuffle(validation, new Random(SEED + 1));
        Collections.shuffle(test, new Random(SEED + 2));
        return new FolderSplit(classes, train, validation, test, preSplit);
    }

    private static void requireClasses(Path dir, List<String> classes) {
        if (classes.size() < 2) {
            throw new UserError(dir + ": an image folder needs one subfolder per class and at least two classes, found "
                    + classes.size());
        }
    }

    /** The non-hidden subfolders of {@code dir}, sorted by name. */
    private static List<String> subfolders(Path dir) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> Files.isDirectory(p) && !hidden(p)).forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(names);
        return names;
    }

    /**
     * The class index of a relative path: the position of its first path element (of a folder split already:
     * its second, after the portion's folder) among the class names.
     */
    public int classOf(String path) {
        String inPortion = preSplit ? path.substring(path.indexOf('/') + 1) : path;
        int slash = inPortion.indexOf('/');
        int index = slash < 0 ? -1 : Collections.binarySearch(classNames, inPortion.substring(0, slash));
        if (index < 0) {
            throw new IllegalArgumentException("not in a class folder: " + path);
        }
        return index;
    }

    /** The images below {@code dir/classFolder}, as paths relative to {@code dir}, sorted. */
    private static List<String> images(Path dir, String classFolder) {
        Path folder = dir.resolve(classFolder);
        List<String> files = new ArrayList<>();
        for (Path p : ImageFiles.below(folder)) {
            List<String> parts = new ArrayList<>();
            for (Path part : dir.relativize(p)) {
                parts.add(part.toString());
            }
            files.add(String.join("/", parts));
        }
        if (files.isEmpty()) {
            throw new UserError(folder + ": class folder holds no PNG or JPEG images");
        }
        Collections.sort(files);
        return files;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
