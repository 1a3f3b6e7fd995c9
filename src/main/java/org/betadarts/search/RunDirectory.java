package org.betadarts.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.betadarts.io.AtomicFiles;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;

/**
 * The files of one search run, the only thing reports and later commands read:
 * {@code config.json}, {@code metrics.jsonl} (one line per epoch), {@code alpha/epoch-NNN.json},
 * {@code alpha.json} (final raw α), {@code genotype.json} and {@code genotype.txt}. Every file is
 * written atomically.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String ALPHA = "alpha.json";
    public static final String GENOTYPE_JSON = "genotype.json";
    public static final String GENOTYPE_TEXT = "genotype.txt";

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Opens a new run directory: it must not exist yet, or be empty. */
    public static RunDirectory create(Path root) {
        try {
            if (Files.exists(root)) {
                if (!Files.isDirectory(root)) {
                    throw new UserError("output path " + root + " exists and is not a directory");
                }
                try (Stream<Path> s = Files.list(root)) {
                    if (s.findAny().isPresent()) {
                        throw new UserError("output directory " + root + " is not empty: choose another --out");
                    }
                }
            }
            Files.createDirectories(root);
            if (!Files.isWritable(root)) {
                throw new UserError("output directory " + root + " is not writable");
            }
        } catch (IOException e) {
            throw new UserError("cannot create output directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    public void writeJson(String name, Object value) {
        Json.write(root.resolve(name), value);
    }

    public void appendMetrics(Object line) {
        AtomicFiles.appendLine(root.resolve(METRICS), Json.line(line));
    }

    public void writeText(String name, String text) {
        AtomicFiles.writeString(root.resolve(name), text);
    }
}
