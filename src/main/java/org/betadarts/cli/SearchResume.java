package org.betadarts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.data.Dataset;
import org.betadarts.io.Checkpoints;
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
            "--on-nan", "--device");

    private SearchResume() {}

    static int run(SearchCommand command, Path root) {
        CommandLine.ParseResult parse = command.spec.commandLine().getParseResult();
        Resumes.allowOnly(parse, ALLOWED);
        RunDirectory dir = RunDirectory.open(root);
        JsonNode recorded = Resumes.recorded(dir, "search", "search");
        SearchConfig recordedConfig = Resumes.convert(recorded.get("config"), SearchConfig.class, dir).validated();
        // checkpoints hold no device: a run saved on one continues on another
        SearchConfig config = command.device == null ? recordedConfig : recordedConfig.with(Map.of("device", command.device));
        RunOptions options = command.runOptions(recorded.hasNonNull("options")
                ? Resumes.convert(recorded.get("options"), RunOptions.class, dir) : RunOptions.DEFAULTS);
        SearchSpace space = Spaces.byName(config.space());
        Bf16Support.check(config.precision());
        Checkpoints checkpoints = new Checkpoints(dir.file(RunDirectory.CHECKPOINTS), options.keepCheckpoints());
        Checkpoints.Loaded checkpoint = checkpoints.latest();
        Dataset data = SearchCommand.loadData(config);
        return command.search(config, data, space, dir, options, search -> {
            search.restore(checkpoint);
            dir.truncateMetrics(search.epochsDone());
            Resumes.record(dir, checkpoints, checkpoint, parse, recorded);
            Resumes.announce("search", dir, checkpoint.entry().file().getFileName().toString(), search.epochsDone(),
                    config.epochs(), checkpoint.entry().step(), search.stepsPerEpoch());
        });
    }
}
