package org.betadarts.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Checkpoints;
import org.betadarts.io.Json;
import org.betadarts.search.OnNan;
import org.betadarts.search.RunDirectory;
import org.betadarts.search.RunOptions;
import org.betadarts.train.FoundCell;
import org.betadarts.train.TrainConfig;

/**
 * {@code train --resume RUN_DIR}: continues a stopped training from its newest intact checkpoint with
 * the cell and settings recorded in its {@code config.json}. Everything is checked before anything in
 * the directory changes; then the metrics of epochs after the checkpoint are dropped (they are computed
 * again) and the resume recorded as {@code search --resume} does.
 */
final class TrainResume {
    /** The options that may come with --resume; the others would change the run's settings. */
    static final List<String> ALLOWED = List.of("--resume", "--quiet", "--checkpoint-every", "--keep-checkpoints", "--device");

    private TrainResume() {}

    static int run(TrainCommand command, Path root) {
        var parse = command.spec.commandLine().getParseResult();
        Resumes.allowOnly(parse, ALLOWED);
        RunDirectory dir = RunDirectory.open(root);
        JsonNode recorded = Resumes.recorded(dir, "train", "training");
        TrainConfig recordedConfig = Resumes.convert(recorded.get("config"), TrainConfig.class, dir).validated();
        // checkpoints hold no device: a run saved on one continues on another
        TrainConfig config = command.device == null ? recordedConfig : recordedConfig.with(Map.of("device", command.device));
        JsonNode cellNode = recorded.get("cell");
        FoundCell cell = FoundCell.fromJson(cellNode == null ? Json.MAPPER.nullNode() : cellNode,
                dir.file(RunDirectory.CONFIG).toString());
        JsonNode given = recorded.path("options");
        RunOptions options = command.runOptions(new RunOptions(
                given.path("checkpointEvery").asInt(RunOptions.DEFAULTS.checkpointEvery()),
                given.path("keepCheckpoints").asInt(RunOptions.DEFAULTS.keepCheckpoints()), OnNan.STOP));
        Checkpoints checkpoints = new Checkpoints(dir.file(RunDirectory.CHECKPOINTS), options.keepCheckpoints());
        Checkpoints.Loaded checkpoint = checkpoints.latest();
        return command.train(config, cell, options, trainer -> {
            trainer.restore(checkpoint);
            dir.truncateMetrics(trainer.epochsDone());
            Resumes.record(dir, checkpoints, checkpoint, parse, recorded);
            Resumes.announce("train", dir, checkpoint.entry().file().getFileName().toString(), trainer.epochsDone(),
                    config.epochs(), checkpoint.entry().step(), trainer.stepsPerEpoch());
            return dir;
        });
    }
}
