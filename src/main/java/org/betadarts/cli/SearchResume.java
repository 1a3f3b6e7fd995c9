package org.betadarts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.data.Dataset;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.RunOptions;
import org.betadarts.search.SearchConfig;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;
import picocli.CommandLine;

/**
 * {@code search --resume RUN_DIR}: continues a stopped search from its newest intact checkpoint with
 * the settings recorded in its {@code config.json}. Everything is checked before anything in the
 * directory changes; then the metrics of epochs after the checkpoint are dropped (they are computed
 * again), leftover temporary files removed, and the resume recorded in {@code resumes.jsonl}.
 */
final class SearchResume {
    /** The options that may come with --resume; the others would change the run's settings. */
    static final List<String> ALLOWED = List.of("--resume", "--quiet", "--checkpoint-every", "--keep-checkpoints",
            "--on-nan");
    static final String RESUMES = "resumes.jsonl";

    private SearchResume() {}

    static int run(SearchCommand command, Path root) {
        CommandLine.ParseResult parse = command.spec.commandLine().getParseResult();
        List<String> others = parse.matchedOptions().stream().map(CommandLine.Model.OptionSpec::longestName)
                .filter(name -> !ALLOWED.contains(name)).toList();
        if (!others.isEmpty()) {
            throw new UserError("--resume continues a run with the settings in its config.json; besides it only "
                    + String.join(", ", ALLOWED.subList(1, ALLOWED.size())) + " are allowed, not "
                    + String.join(", ", others));
        }
        RunDirectory dir = RunDirectory.open(root);
        JsonNode recorded = Json.read(dir.file(RunDirectory.CONFIG), JsonNode.class);
        if (!"search".equals(recorded.path("command").asText())) {
            throw new UserError(root + " holds a '" + recorded.path("command").asText() + "' run, not a search");
        }
        SearchConfig config = convert(recorded.get("config"), SearchConfig.class, dir).validated();
        RunOptions options = command.runOptions(recorded.hasNonNull("options")
                ? convert(recorded.get("options"), RunOptions.class, dir) : RunOptions.DEFAULTS);
        SearchSpace space = Spaces.byName(config.space());
        Checkpoints checkpoints = new Checkpoints(dir.file(RunDirectory.CHECKPOINTS), options.keepCheckpoints());
        Checkpoints.Loaded checkpoint = checkpoints.latest();
        Dataset data = SearchCommand.loadData(config);
        return command.search(config, data, space, dir, options, search -> {
            search.restore(checkpoint);
            dir.truncateMetrics(search.epochsDone());
            checkpoints.setAsideDamaged(checkpoint).forEach(line -> System.err.println("betadarts: warning: " + line));
            dir.removeTemporaryFiles();
            String name = checkpoint.entry().file().getFileName().toString();
            Map<String, Object> resumed = new LinkedHashMap<>();
            resumed.put("checkpoint", name);
            resumed.put("arguments", parse.originalArgs());
            resumed.put("versions", Versions.all());
            dir.appendJsonLine(RESUMES, resumed);
            warnOnOtherThreads(recorded.path("versions").path("torch_threads").asText());
            if (search.epochsDone() == config.epochs()) {
                System.err.printf("search: %s has done all %d epochs; writing its results again%n", dir.root(),
                        config.epochs());
            } else {
                System.err.printf("search: resuming %s from %s (epoch %d of %d, %d of %d steps done)%n", dir.root(),
                        name, search.epochsDone() + 1, config.epochs(), checkpoint.entry().step(),
                        search.stepsPerEpoch());
            }
        });
    }

    private static <T> T convert(JsonNode node, Class<T> type, RunDirectory dir) {
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

    /** Bit-exact continuation needs the tensor engine's thread count of the first run; say so when it differs. */
    private static void warnOnOtherThreads(String recordedThreads) {
        String now = Versions.all().get("torch_threads");
        if (!recordedThreads.isEmpty() && !recordedThreads.equals(now)) {
            System.err.println("betadarts: warning: the run computed with " + recordedThreads + " threads, this "
                    + "process with " + now + ": the continued run may differ from an uninterrupted one in the last bits");
        }
    }
}
