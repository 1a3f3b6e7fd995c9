package org.betadarts.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.betadarts.io.AtomicFiles;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;

/**
 * The files of one search run, the only thing reports and later commands read:
 * {@code config.json}, {@code metrics.jsonl} (one line per epoch), {@code alpha/epoch-NNN.json},
 * {@code alpha.json} (final raw α), {@code genotype.json}, {@code genotype.txt} and
 * {@code checkpoints/}. Every file is written atomically.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String ALPHA = "alpha.json";
    public static final String GENOTYPE_JSON = "genotype.json";
    public static final String GENOTYPE_TEXT = "genotype.txt";
    public static final String CHECKPOINTS = "checkpoints";
    /** How {@link org.betadarts.io.AtomicFiles} names the file it is writing, until the rename. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.tmp");

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
                if (Files.exists(root.resolve(CONFIG))) {
                    throw new UserError("output directory " + root + " already holds a run: continue it with "
                            + "--resume " + root + ", or choose another --out");
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
            throw new UserError("cannot create output directory " + root + ": " + UserError.reason(e), e);
        }
        return new RunDirectory(root);
    }

    /**
     * Opens the directory of an earlier run, to continue it: one the command line started (it holds
     * {@value #CONFIG}) or one a Java program started (it holds {@value #CHECKPOINTS}).
     */
    public static RunDirectory open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserError("run directory " + root + (Files.exists(root) ? " is not a directory" : " does not exist"));
        }
        if (!Files.isRegularFile(root.resolve(CONFIG)) && !Files.isDirectory(root.resolve(CHECKPOINTS))) {
            throw new UserError(root + " is not a run directory: it has no " + CONFIG + " and no " + CHECKPOINTS);
        }
        if (!Files.isWritable(root)) {
            throw new UserError("run directory " + root + " is not writable");
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
        appendJsonLine(METRICS, line);
    }

    /** Adds one line of JSON to a JSON-lines file. */
    public void appendJsonLine(String name, Object line) {
        AtomicFiles.appendLine(root.resolve(name), Json.line(line));
    }

    public void writeText(String name, String text) {
        AtomicFiles.writeString(root.resolve(name), text);
    }

    /**
     * Keeps the first {@code epochs} lines of the metrics, dropping those of epochs that a resumed run
     * will compute again; refuses (changing nothing) when there are fewer.
     */
    public void truncateMetrics(int epochs) {
        Path file = root.resolve(METRICS);
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.size() < epochs) {
            throw new UserError(file + " has " + lines.size() + " lines, but the checkpoint has " + epochs
                    + " epochs done");
        }
        if (lines.size() > epochs) {
            StringBuilder kept = new StringBuilder();
            lines.subList(0, epochs).forEach(l -> kept.append(l).append('\n'));
            writeText(METRICS, kept.toString());
        }
    }

    /** Deletes the temporary files that a killed process left behind while writing. */
    public void removeTemporaryFiles() {
        for (Path dir : List.of(root, root.resolve("alpha"), root.resolve(CHECKPOINTS))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (TEMPORARY.matcher(p.getFileName().toString()).matches()) {
                        Files.deleteIfExists(p);
                    }
                }
            } catch (IOException e) {
                throw new UserError("cannot clean " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
