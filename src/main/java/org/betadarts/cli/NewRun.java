package org.betadarts.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.betadarts.search.RunDirectory;
import picocli.CommandLine;

/** The start of a new search or training run: its directory and the head of its config.json. */
final class NewRun {
    private NewRun() {}

    /** Creates {@code out}, or {@code runs/COMMAND-TIME} when it is null. */
    static RunDirectory directory(Path out, String command) {
        return RunDirectory.create(out != null ? out : Path.of("runs", command + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    }

    /** What config.json records first: the command, its arguments and the versions; the caller adds the rest. */
    static Map<String, Object> recorded(CommandLine.Model.CommandSpec spec, String command) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("command", command);
        recorded.put("arguments", spec.commandLine().getParseResult().originalArgs());
        recorded.put("versions", Versions.all());
        return recorded;
    }
}
