package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSplitTest {
    @TempDir
    Path dir;

    private List<String> touch(String className, int n) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = className + "/img" + i + (i % 3 == 0 ? ".JPG" : ".png");
            Files.createDirectories(dir.resolve(className));
            Files.write(dir.resolve(name), new byte[0]);
            names.add(name);
        }
        return names;
    }

    private static List<String> of(List<String> files, String className) {
        return files.stream().filter(f -> f.startsWith(className + "/")).collect(Collectors.toList());
    }

    @Test
    void splitsEachClassIntoFixedPortions() throws IOException {
        Set<String> all = new HashSet<>();
        all.addAll(touch("dog", 10));
        all.addAll(touch("cat", 12));
        all.addAll(touch("ant", 3));
        Files.createDirectories(dir.resolve("cat/more"));
        Files.write(dir.resolve("cat/more/deep.jpeg"), new byte[0]);
        all.add("cat/more/deep.jpeg");
        Files.write(dir.resolve("cat/notes.txt"), new byte[0]);
        Files.write(dir.resolve("cat/.hidden.png"), new byte[0]);
        Files.createDirectories(dir.resolve(".cache"));
        Files.write(dir.resolve("readme.png"), new byte[0]);

        FolderSplit split = FolderSplit.of(dir);
        assertEquals(List.of("ant", "cat", "dog"), split.classNames());
        Set<String> seen = new HashSet<>();
        Stream.of(split.train(), split.validation(), split.test()).forEach(seen::addAll);
        assertEquals(all, seen);
        assertEquals(all.size(), split.train().size() + split.validation().size() + split.test().size());
        assertEquals(List.of(1, 1, 11), List.of(of(split.test(), "cat").size(), of(split.validation(), "cat").size(),
                of(split.train(), "cat").size()));
        assertEquals(List.of(1, 1, 8), List.of(of(split.test(), "dog").size(), of(split.validation(), "dog").size(),
                of(split.train(), "dog").size()));
        assertEquals(3, of(split.train(), "ant").size());
        assertEquals(1, split.classOf("cat/more/deep.jpeg"));
        assertEquals(2, split.classOf("dog/img1.png"));

        assertEquals(split, FolderSplit.of(dir));
        List<String> classOrder = split.train().stream().map(f -> f.substring(0, f.indexOf('/')))
                .collect(Collectors.toList());
        assertNotEquals(classOrder.stream().sorted().collect(Collectors.toList()), classOrder,
                "classes are interleaved");

        touch("bee", 20);
        FolderSplit grown = FolderSplit.of(dir);
        for (String c : List.of("ant", "cat", "dog")) {
            assertEquals(Set.copyOf(of(split.test(), c)), Set.copyOf(of(grown.test(), c)));
            assertEquals(Set.copyOf(of(split.validation(), c)), Set.copyOf(of(grown.validation(), c)));
        }
    }

    @Test
    void writesAsJson() throws IOException {
        touch("a", 2);
        touch("b", 2);
        Path file = dir.resolve("split.json");
        Json.write(file, FolderSplit.of(dir));
        FolderSplit back = Json.read(file, FolderSplit.class);
        assertEquals(FolderSplit.of(dir), back);
        assertTrue(Files.readString(file).contains("\"a/img1.png\""));
    }

    @Test
    void needsTwoClassesWithImages() throws IOException {
        touch("only", 3);
        UserError e = assertThrows(UserError.class, () -> FolderSplit.of(dir));
        assertTrue(e.getMessage().contains("at least two classes, found 1"), e.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        Files.write(dir.resolve("empty/a.txt"), new byte[0]);
        e = assertThrows(UserError.class, () -> FolderSplit.of(dir));
        assertTrue(e.getMessage().contains(dir.resolve("empty") + ": class folder holds no PNG or JPEG images"),
                e.getMessage());
        e = assertThrows(UserError.class, () -> FolderSplit.of(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("absent"));
    }

    /** train/, val/ and test/ with class folders: the portions as given, classes from train/. */
    @Test
    void takesAFolderThatIsSplitAlready() throws IOException {
        List<String> train = new ArrayList<>(touch("train/dog", 5));
        train.addAll(touch("train/cat", 4));
        List<String> validation = new ArrayList<>(touch("val/cat", 2));
        List<String> test = new ArrayList<>(touch("test/dog", 3));
        test.addAll(touch("test/cat", 1));

        FolderSplit split = FolderSplit.of(dir);
        assertTrue(split.preSplit());
        assertEquals(List.of("cat", "dog"), split.classNames());
        assertEquals(Set.copyOf(train), Set.copyOf(split.train()));
        assertEquals(Set.copyOf(validation), Set.copyOf(split.validation()));
        assertEquals(Set.copyOf(test), Set.copyOf(split.test()));
        assertEquals(List.of(0, 1, 0), List.of(split.classOf("train/cat/img0.JPG"), split.classOf("test/dog/img2.png"),
                split.classOf("val/cat/img1.png")));
        assertEquals(split, FolderSplit.of(dir));
    }

    /** Without test/, the validation folder is the test portion (ImageNet's layout). */
    @Test
    void aValidationFolderAloneIsTheTestPortion() throws IOException {
        touch("train/a", 3);
        touch("train/b", 3);
        List<String> val = new ArrayList<>(touch("validation/a", 2));
        val.addAll(touch("validation/b", 1));
        FolderSplit split = FolderSplit.of(dir);
        assertEquals(Set.copyOf(val), Set.copyOf(split.test()));
        assertEquals(List.of(), split.validation());
        assertEquals(6, split.train().size());
    }

    /** Classes that happen to be called train and test, holding images themselves, stay classes. */
    @Test
    void classesNamedLikePortionsStayClasses() throws IOException {
        touch("train", 10);
        touch("test", 10);
        FolderSplit split = FolderSplit.of(dir);
        assertEquals(List.of("test", "train"), split.classNames());
        assertTrue(!split.preSplit());
        assertEquals(List.of(1, 1, 8), List.of(of(split.test(), "train").size(), of(split.validation(), "train").size(),
                of(split.train(), "train").size()));
    }

    @Test
    void refusesATestClassThatTrainingLacks() throws IOException {
        touch("train/a", 2);
        touch("train/b", 2);
        touch("test/c", 1);
        UserError e = assertThrows(UserError.class, () -> FolderSplit.of(dir));
        assertEquals(dir.resolve("test").resolve("c") + ": class 'c' has no folder in " + dir.resolve("train"), e.getMessage());
        touch("val/a", 1);
        touch("validation/a", 1);
        Files.walk(dir.resolve("test")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        e = assertThrows(UserError.class, () -> FolderSplit.of(dir));
        assertEquals(dir + ": both val/ and validation/; keep one", e.getMessage());
    }
}
