package org.betadarts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.betadarts.search.RunDirectory;
import picocli.CommandLine;

/**
 * What {@code search --resume} and {@code train --resume} share: the check that no option changes the
 * run's settings, reading the recorded config.json, reading settings from it, and the record of each
 * resume in {@value #RESUMES}.
 */
final class Resumes {
    static final String RESUMES = "resumes.jsonl";

    private Resumes() {}

    /** Refuses any option but {@code allowed} (its first entry is --resume itself). */
    static void allowOnly(CommandLine.ParseResult parse, List<String> allowed) {
        List<String> others = parse.matchedOptions().stream().map(CommandLine.Model.OptionSpec::longestName)
                .filter(name -> !allowed.contains(name)).toList();
        if (!others.isEmpty()) {
            throw new UserError("--resume continues a run with the settings in its config.json; besides it only "
                    + String.join(", ", allowed.subList(1, allowed.size())) + " are allowed, not "
                    + String.join(", ", others));
        }
    }

    /** The recorded config.json of a run of {@code command} ("search", "train"). */
    static JsonNode recorded(RunDirectory dir, String command, String what) {
        if (!Files.isRegularFile(dir.file(RunDirectory.CONFIG))) {
            throw new UserError(dir.root() + " has no " + RunDirectory.CONFIG + ": it was not started by betadarts "
                    + command + "; a run started from Java continues from Java (README: Using it from Java)");
        }
        JsonNode recorded = Json.read(dir.file(RunDirectory.CONFIG), JsonNode.class);
        if (!command.equals(recorded.path("command").asText())) {
            throw new UserError(dir.root() + " holds a '" + recorded.path("command").asText() + "' run, not a " + what);
        }
        return recorded;
    }

    static <T> T convert(JsonNode node, Class<T> type, RunDirectory dir) {
        try {
            T value = node == null || !node.isObject() ? null : Json.MAPPER.convertValue(node, type);
            if (value == null) {
                throw new IllegalArgumentException("missing");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new UserError(dir.file(RunDirectory.CONFIG) + " does not hold readable "
                    + type.getSimpleName() + " settings: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * After a checkpoint was taken back: sets damaged newer checkpoints aside, removes leftover temporary
     * files, records the resume and warns when the thread count differs from the first run's.
     */
    static void record(RunDirectory dir, Checkpoints checkpoints, Checkpoints.Loaded checkpoint,
                       CommandLine.ParseResult parse, JsonNode recorded) {
        checkpoints.setAsideDamaged(checkpoint).forEach(line -> System.err.println("betadarts: warning: " + line));
        dir.removeTemporaryFiles();
        Map<String, Object> resumed = new LinkedHashMap<>();
        resumed.put("checkpoint", checkpoint.entry().file().getFileName().toString());
        resumed.put("arguments", parse.originalArgs());
        resumed.put("versions", Versions.all());
        dir.appendJsonLine(RESUMES, resumed);
        warnOnOtherThreads(recorded.path("versions").path("torch_threads").asText());
    }

    /** The line that says where a resumed run continues (or that it only writes its results again). */
    static void announce(String command, RunDirectory dir, String checkpoint, int epochsDone, int epochs, long step,
                         int steps) {
        if (epochsDone == epochs) {
            System.err.printf("%s: %s has done all %d epochs; writing its results again%n", command, dir.root(), epochs);
        } else {
            System.err.printf("%s: resuming %s from %s (epoch %d of %d, %d of %d steps done)%n", command, dir.root(),
                    checkpoint, epochsDone + 1, epochs, step, steps);
        }
    }

    /** Bit-exact continuation needs the tensor engine's thread count of the first run; say so when it differs. */
    private static void warnOnOtherThreads(String recordedThreads) {
        String now = Versions.all().get("torch_threads");
        if (!recordedThreads.isEmpty() && !recordedThreads.equals(now)) {
            System.err.println("betadarts: warning: the run computed with " + recordedThreads + " threads, this "
                    + "process with " + now + ": the continued run may differ from an uninterrupted one in the last bits");
        }
    }
}
