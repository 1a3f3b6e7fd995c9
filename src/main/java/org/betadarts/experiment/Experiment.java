package org.betadarts.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.betadarts.search.Perturbation;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.StopRequest;

/**
 * A grid of searches, regularizer settings × other search options' values ({@link Axis}) × seeds,
 * as run directories {@code DIR/LABEL[-NAMEVALUE...]-seedN} inside one experiment directory,
 * followed by the {@link Summary}. A regularizer setting is a regularizer with an optional weight and
 * an optional SDARTS perturbation of the weight steps ({@link #plan}). A run whose
 * directory already holds its genotype is kept, not redone; an unfinished one continues from its
 * newest checkpoint, or without one is cleared and run again. The grid knows regularizers only as
 * names handed to the search.
 */
public final class Experiment {
    /** The experiment's record of its runs: {@code {"runs": [...]}}, their directories' names in the order it runs them. */
    public static final String RECORD = "experiment.json";

    /** {@code none+random}: plain DARTS with randomly perturbed weight steps. */
    public static final String SDARTS_RS = "sdarts-rs";
    /** {@code none+adversarial}: plain DARTS with adversarially perturbed weight steps. */
    public static final String SDARTS_ADV = "sdarts-adv";

    /**
     * One search of the grid: a regularizer (with its weight, or null for the default), a perturbation
     * ({@code none}, {@code random} or {@code adversarial}) and a seed.
     */
    public record Run(String regularizer, String weight, String perturbation, long seed, Map<String, String> settings) {
        /**
         * @param settings the other grid axes of this run, search option (long name without dashes) to
         *     value, in the order of the axes
         */
        public Run {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** Without other settings. */
        public Run(String regularizer, String weight, String perturbation, long seed) {
            this(regularizer, weight, perturbation, seed, Map.of());
        }

        /** Without a perturbation. */
        public Run(String regularizer, String weight, long seed) {
            this(regularizer, weight, Perturbation.NONE, seed);
        }

        /** The setting's name, as in {@link RunRecord#label()}: see {@link #label(String, String, String)}. */
        public String label() {
            return label(regularizer, weight, perturbation);
        }

        /**
         * The name of a setting: the regularizer with {@code =WEIGHT} when a weight is given and
         * {@code +PERTURBATION} when perturbed; plain DARTS perturbed is {@value #SDARTS_RS} or
         * {@value #SDARTS_ADV}.
         *
         * @param perturbation none (or null), random or adversarial
         */
        public static String label(String regularizer, String weight, String perturbation) {
            String base = weight == null ? regularizer : regularizer + "=" + weight;
            if (perturbation == null || perturbation.equals(Perturbation.NONE)) {
                return base;
            }
            if (base.equals("none")) {
                return perturbation.equals(Perturbation.RANDOM) ? SDARTS_RS : SDARTS_ADV;
            }
            return base + "+" + perturbation;
        }

        /**
         * The run directory's name: the label, then {@code -NAMEVALUE} for each other setting, then
         * {@code -seedN} (e.g. {@code beta-decay-epochs2-max-train2000-seed0}), with characters other
         * than letters, digits, '.', '=', '+', '-' as '_'.
         */
        public String dirName() {
            StringBuilder name = new StringBuilder(safe(label()));
            settings.forEach((option, value) -> name.append('-').append(option).append(safe(value)));
            return name.append("-seed").append(seed).toString();
        }

        private static String safe(String text) {
            return text.replaceAll("[^A-Za-z0-9.=+-]", "_");
        }
    }

    /** One axis of the grid: a search option's long name without dashes and its values. */
    public record Axis(String name, List<String> values) {
        /**
         * Parses {@code NAME=V1,V2,...}.
         *
         * @throws UserError without a name or a value, or for a value given twice
         */
        public static Axis parse(String spec) {
            int eq = spec.indexOf('=');
            String name = eq < 0 ? "" : spec.substring(0, eq).strip();
            List<String> values = eq < 0 ? List.of()
                    : Arrays.stream(spec.substring(eq + 1).split(",", -1)).map(String::strip).toList();
            if (name.isEmpty() || values.isEmpty() || values.contains("")) {
                throw new UserError("--grid " + spec + ": expected NAME=VALUE1,VALUE2,... (e.g. epochs=2,4)");
            }
            if (new LinkedHashSet<>(values).size() < values.size()) {
                throw new UserError("--grid " + spec + ": a value is given twice");
            }
            return new Axis(name, List.copyOf(values));
        }
    }

    /**
     * Runs one search to its end in {@code dir}: a new one (the directory does not exist yet) or,
     * with {@code resume}, the one whose checkpoints the directory holds, from the newest.
     *
     * @throws Stopped when the search stopped on request with a checkpoint
     */
    @FunctionalInterface
    public interface Launcher {
        void launch(Run run, Path dir, boolean resume);
    }

    /** A search of the experiment stopped on request (a signal) after writing a checkpoint. */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("stopped with a checkpoint");
        }
    }

    private Experiment() {}

    /**
     * The grid in order: each entry with each seed. An entry is {@code NAME}, {@code NAME=WEIGHT},
     * either followed by {@code +random} or {@code +adversarial} (the SDARTS perturbation of the weight
     * steps; none without it), or {@value #SDARTS_RS} ({@code none+random}) or {@value #SDARTS_ADV}
     * ({@code none+adversarial}).
     *
     * @throws UserError for an empty list, an unknown perturbation or two entries that give the same run
     *     directory
     */
    public static List<Run> plan(List<String> entries, List<Long> seeds) {
        return plan(entries, List.of(), seeds);
    }

    /**
     * The grid in order: each entry (as in {@link #plan(List, List)}), with each combination of the
     * other axes' values (the first axis varying slowest), with each seed.
     */
    public static List<Run> plan(List<String> entries, List<Axis> axes, List<Long> seeds) {
        if (entries.isEmpty() || seeds.isEmpty()) {
            throw new UserError("an experiment needs at least one regularizer and one seed");
        }
        List<Map<String, String>> combinations = List.of(Map.of());
        for (Axis axis : axes) {
            List<Map<String, String>> longer = new ArrayList<>();
            for (Map<String, String> c : combinations) {
                for (String value : axis.values()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(axis.name(), value);
                    longer.add(m);
                }
            }
            combinations = longer;
        }
        List<Run> runs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String entry : entries) {
            for (Map<String, String> settings : combinations) {
                for (long seed : seeds) {
                    Run parsed = parse(entry.strip(), seed);
                    Run run = new Run(parsed.regularizer(), parsed.weight(), parsed.perturbation(), seed, settings);
                    if (!names.add(run.dirName())) {
                        throw new UserError("the experiment lists " + run.dirName() + " twice");
                    }
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    private static Run parse(String entry, long seed) {
        String text = entry;
        String perturbation = Perturbation.NONE;
        int plus = text.lastIndexOf('+');
        if (plus >= 0 && text.substring(plus + 1).matches("[a-z-]+")) { // a weight such as 1e+2 stays whole
            perturbation = text.substring(plus + 1);
            text = text.substring(0, plus);
            if (!List.of(Perturbation.NONE, Perturbation.RANDOM, Perturbation.ADVERSARIAL).contains(perturbation)) {
                throw new UserError("unknown perturbation '" + perturbation + "' in '" + entry
                        + "': expected random or adversarial");
            }
        }
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        String weight = eq < 0 ? null : text.substring(eq + 1);
        if (name.equals(SDARTS_RS) || name.equals(SDARTS_ADV)) {
            String kind = name.equals(SDARTS_RS) ? Perturbation.RANDOM : Perturbation.ADVERSARIAL;
            if (!name.equals(entry)) {
                throw new UserError("'" + entry + "': " + name + " takes no weight or perturbation (it is none+"
                        + kind + ")");
            }
            return new Run("none", null, kind, seed);
        }
        return new Run(name, weight, perturbation, seed);
    }

    /**
     * What an experiment did: the summary's rows, the run directories' names of the runs that failed,
     * and whether it stopped on request before its end.
     */
    public record Outcome(List<Summary.Row> rows, List<String> failed, boolean stopped) {}

    /**
     * Records the plan in {@code root}, runs every unfinished run of it there, {@code parallel} at a
     * time (each launch in its own thread when more than one; in this one otherwise), then writes
     * the summary of the finished runs, its rows in the order of the plan. A run that fails is
     * reported on {@code log} with its error and the others go on. An unfinished run continues from
     * its newest checkpoint, or starts again without one. Once {@code stop} is requested no run
     * starts, and the runs under way stop with a checkpoint. Every run logs one line when it starts
     * and one when it ends.
     *
     * @throws UserError before any run starts when a run's directory exists and is not a run directory
     */
    public static Outcome run(Path root, List<Run> plan, Launcher launcher, int parallel, StopRequest stop,
                              PrintStream log) {
        if (parallel < 1) {
            throw new UserError("--parallel must be at least 1");
        }
        prepare(root, plan);
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Run run = plan.get(i);
            Path dir = root.resolve(run.dirName());
            String head = String.format("experiment: run %d/%d %s", i + 1, plan.size(), run.dirName());
            if (RunRecord.isFinished(dir)) {
                log.println(head + ": finished before, kept");
            } else {
                tasks.add(() -> {
                    if (!stop.requested() && !launch(launcher, run, dir, head, log)) {
                        failed.add(run.dirName());
                    }
                });
            }
        }
        if (parallel == 1) {
            tasks.forEach(Runnable::run);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                tasks.forEach(pool::execute);
                pool.shutdown();
                while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    // waits for the runs, however long they take
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the runs", e);
            } finally {
                pool.shutdownNow();
            }
        }
        List<Summary.Row> rows = summarize(root, plan);
        if (!failed.isEmpty()) {
            List<String> inOrder = plan.stream().map(Run::dirName).filter(failed::contains).toList();
            log.println("experiment: " + inOrder.size() + " of " + plan.size() + " runs failed: "
                    + String.join(", ", inOrder));
        }
        log.println("experiment: summary in " + root.resolve(Summary.MARKDOWN) + " and " + Summary.CSV);
        return new Outcome(rows, plan.stream().map(Run::dirName).filter(failed::contains).toList(), stop.requested());
    }

    /**
     * Checks that no run's directory exists as something else than a run directory and records the
     * plan in {@code root}/{@value #RECORD}, creating {@code root}.
     *
     * @throws UserError when a run's directory exists and is not a run directory
     */
    public static void prepare(Path root, List<Run> plan) {
        for (Run run : plan) {
            Path dir = root.resolve(run.dirName());
            if (Files.exists(dir) && !RunRecord.isRun(dir)) {
                throw new UserError(dir + " exists and is not a run directory: choose another experiment directory");
            }
        }
        record(root, plan);
    }

    /** Writes the summary of the plan's finished runs in {@code root} (its rows in the order of the plan) and returns it. */
    public static List<Summary.Row> summarize(Path root, List<Run> plan) {
        List<RunRecord> records = plan.stream().map(run -> root.resolve(run.dirName())).filter(RunRecord::isRun)
                .map(RunRecord::read).toList();
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        plan.forEach(run -> settings.put(run.dirName(), run.settings()));
        List<Summary.Row> rows = Summary.compute(records, settings);
        Summary.write(root, rows);
        return rows;
    }

    /**
     * Runs one search in {@code dir}, logging its start and end; false when it failed. An unfinished
     * run continues from its newest checkpoint; without one it starts again in a fresh directory.
     */
    private static boolean launch(Launcher launcher, Run run, Path dir, String head, PrintStream log) {
        long start = System.nanoTime();
        boolean resume = hasCheckpoint(dir);
        if (resume) {
            log.println(head + ": unfinished, continuing from its newest checkpoint");
        } else if (Files.exists(dir)) {
            log.println(head + ": unfinished, starting again");
            delete(dir);
        } else {
            log.println(head + ": started");
        }
        try {
            launcher.launch(run, dir, resume);
            RunRecord done = RunRecord.read(dir);
            if (!done.finished()) {
                throw new IllegalStateException("the search ended without writing its genotype");
            }
            log.println(String.format(Locale.ROOT, "%s: finished in %s, search valid acc %.2f%%, cell %s", head,
                    seconds(start), 100 * done.finalValidAccuracy(), done.genotype()));
            return true;
        } catch (Stopped e) {
            log.println(head + ": stopped after " + seconds(start) + " with a checkpoint");
            return true;
        } catch (RuntimeException e) {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            log.println(head + ": failed after " + seconds(start) + ": " + message.lines().findFirst().orElse(""));
            return false;
        }
    }

    /** Whether {@code dir} holds a search checkpoint. */
    private static boolean hasCheckpoint(Path dir) {
        return !new Checkpoints(dir.resolve(RunDirectory.CHECKPOINTS), 1).list().isEmpty();
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - startNanos) / 1e9);
    }

    /** The run directories' names in the order the last experiment in {@code root} ran them; empty without its record. */
    public static List<String> recordedRuns(Path root) {
        Path file = root.resolve(RECORD);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Json.read(file, JsonNode.class).path("runs").forEach(n -> names.add(n.asText()));
        return names;
    }

    /**
     * The grid settings other than regularizer and seed of each run of the last experiment in
     * {@code root}, by run directory name; empty without its record or for an experiment without them.
     */
    public static Map<String, Map<String, String>> recordedSettings(Path root) {
        Path file = root.resolve(RECORD);
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Json.read(file, JsonNode.class).path("settings").fields().forEachRemaining(run -> {
                Map<String, String> values = new LinkedHashMap<>();
                run.getValue().fields().forEachRemaining(v -> values.put(v.getKey(), v.getValue().asText()));
                settings.put(run.getKey(), values);
            });
        }
        return settings;
    }

    private static void record(Path root, List<Run> plan) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UserError("cannot create experiment directory " + root + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        plan.forEach(run -> settings.put(run.dirName(), run.settings()));
        Json.write(root.resolve(RECORD), Map.of("runs", plan.stream().map(Run::dirName).toList(), "settings", settings));
    }

    private static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UserError("cannot clear unfinished run " + dir + ": " + e.getMessage(), e);
        }
    }
}
