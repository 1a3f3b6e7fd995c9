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
}
