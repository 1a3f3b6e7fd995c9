package org.betadarts.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.betadarts.io.UserError;

/** The PNG and JPEG files of a folder, by name: what image folders and {@code predict} read. */
public final class ImageFiles {
    private ImageFiles() {}

    /** The PNG and JPEG files anywhere below {@code folder}, hidden files and folders left out, sorted by path. */
    public static List<Path> below(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> Files.isRegularFile(p) && isImage(p) && !hiddenBelow(folder, p)).sorted().toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file's name ends in .png, .jpg or .jpeg, in any case. */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
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
