package org.betadarts.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of checkpoints of one run, each a {@link TensorFile} named by its position,
 * {@code epoch-EEEE-step-SSSSSS.ckpt} (epochs done, steps done in the next epoch). Each is written
 * atomically and durably; after a write only the newest {@code keep} remain. Reading takes the
 * newest checkpoint that passes its checks. The mechanism knows nothing of what is saved: any run
 * (search, training) puts its state in a {@link TensorFile.Contents}.
 */
public final class Checkpoints {
    public static final String SUFFIX = ".ckpt";
    /** Where a damaged checkpoint is moved when an older one is used instead. */
    public static final String DAMAGED_SUFFIX = ".damaged";
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)-step-(\\d+)\\.ckpt");

    private final Path dir;
    private final int keep;
    private final UnaryOperator<OutputStream> streams;

    public Checkpoints(Path dir, int keep) {
        this(dir, keep, UnaryOperator.identity());
    }

    /** As above, with every checkpoint written through {@code streams} (tests use it to fail midway). */
    public Checkpoints(Path dir, int keep, UnaryOperator<OutputStream> streams) {
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least one checkpoint");
        }
        this.dir = dir;
        this.keep = keep;
        this.streams = streams;
    }

    public Path dir() {
        return dir;
    }

    /** A checkpoint file and its position. */
    public record Entry(Path file, long epoch, long step) {}

    /** A checkpoint that failed its checks, and why. */
    public record Damaged(Entry entry, String problem) {}

    /** A checkpoint that passed its checks, and the newer ones that did not. */
    public record Loaded(Entry entry, TensorFile.Contents contents, List<Damaged> newerDamaged) {
        public Loaded {
            newerDamaged = List.copyOf(newerDamaged);
        }
    }

    /** Writes the checkpoint of a position, then removes all but the newest {@code keep}. */
    public Path write(long epoch, long step, TensorFile.Contents contents) {
        Path file = dir.resolve(String.format("epoch-%04d-step-%06d%s", epoch, step, SUFFIX));
        AtomicFiles.writeDurably(file, out -> TensorFile.write(streams.apply(out), contents));
        List<Entry> all = list();
        for (Entry old : all.subList(0, Math.max(0, all.size() - keep))) {
            try {
                Files.deleteIfExists(old.file());
            } catch (IOException e) {
                throw new UserError("cannot remove old checkpoint " + old.file() + ": " + e.getMessage(), e);
            }
        }
        return file;
    }

    /** The checkpoints in the folder, oldest first (none when the folder does not exist). */
    public List<Entry> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(new Entry(p, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(Entry::epoch).thenComparingLong(Entry::step));
        return out;
    }

    /**
     * The newest checkpoint that reads back intact, with the newer damaged ones. With none intact the
     * error names the newest one's problem. Reading changes nothing in the folder.
     */
    public Loaded latest() {
        List<Entry> all = list();
        if (all.isEmpty()) {
            throw new UserError("no checkpoint in " + dir);
        }
        List<Damaged> damaged = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Entry e = all.get(i);
            try {
                return new Loaded(e, TensorFile.read(e.file()), damaged);
            } catch (UserError problem) {
                damaged.add(new Damaged(e, problem.getMessage()));
            }
        }
        throw all.size() == 1 ? new UserError(damaged.get(0).problem())
                : new UserError(damaged.get(0).problem() + " (and the " + (all.size() - 1)
                        + " older checkpoints in " + dir + " are damaged too)");
    }

    /**
     * Moves the damaged checkpoints newer than a loaded one aside (suffix {@value #DAMAGED_SUFFIX}), so
     * that they are never read again or kept in place of good ones; returns a line about each.
     */
    public List<String> setAsideDamaged(Loaded loaded) {
        List<String> lines = new ArrayList<>();
        for (Damaged d : loaded.newerDamaged()) {
            Path aside = moveAside(d.entry().file());
            lines.add(d.problem() + "; moved to " + aside.getFileName() + ", continuing from "
                    + loaded.entry().file().getFileName());
        }
        return lines;
    }

    private static Path moveAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + DAMAGED_SUFFIX);
        try {
            return Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException problem) {
            throw new UserError("cannot move damaged checkpoint " + file + " aside: " + problem.getMessage(), problem);
        }
    }
}
