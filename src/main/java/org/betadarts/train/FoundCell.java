package org.betadarts.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.betadarts.search.RunDirectory;
import org.betadarts.space.CellTraining;
import org.betadarts.space.Genotype;
import org.betadarts.space.Spaces;

/**
 * A cell to train and the space it belongs to, read from what a user names: a search run directory
 * (its {@code genotype.json}, else {@code genotype.txt}), a genotype file (that JSON, or the text form)
 * or the genotype's text itself.
 */
public record FoundCell(CellTraining space, Genotype genotype) {
    /** The JSON form, as a search writes it to {@code genotype.json}. */
    public Map<String, Object> json() {
        return Map.of("space", space.name(), "genotype", genotype.json());
    }

    /** Resolves a run directory, a file or a genotype's text; anything else is a one-line {@link UserError}. */
    public static FoundCell resolve(String source) {
        Path path = asPath(source);
        if (path != null && Files.isDirectory(path)) {
            Path json = path.resolve(RunDirectory.GENOTYPE_JSON);
            Path text = path.resolve(RunDirectory.GENOTYPE_TEXT);
            if (Files.isRegularFile(json)) {
                return fromFile(json);
            }
            if (Files.isRegularFile(text)) {
                return fromFile(text);
            }
            throw new UserError(path + " has no " + RunDirectory.GENOTYPE_JSON + " or " + RunDirectory.GENOTYPE_TEXT
                    + ": not a finished search run directory");
        }
        if (path != null && Files.isRegularFile(path)) {
            return fromFile(path);
        }
        return Spaces.recognizing(source).map(s -> new FoundCell(s, s.parse(source)))
                .orElseThrow(() -> new UserError("--genotype '" + oneLine(source) + "' is neither a run directory, "
                        + "a file nor a genotype (a NAS-Bench-201 arch string: |op~0|+|op~0|op~1|+|op~0|op~1|op~2|; "
                        + "a DARTS genotype: Genotype(normal=[('op', 0), ...], normal_concat=[...], ...))"));
    }

    /** Reads a genotype file: JSON with "space" and "genotype", or the genotype's text. */
    public static FoundCell fromFile(Path file) {
        String content;
        try {
            content = Files.readString(file).strip();
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!content.startsWith("{")) {
            return Spaces.recognizing(content).map(s -> new FoundCell(s, s.parse(content)))
                    .orElseThrow(() -> new UserError(file + " holds no genotype: expected JSON with \"space\" and "
                            + "\"genotype\", or a genotype's text"));
        }
        return fromJson(Json.read(file, JsonNode.class), file.toString());
    }

    /** The cell of JSON as {@link #json()} writes it; {@code source} names where it was read in an error. */
    public static FoundCell fromJson(JsonNode node, String source) {
        JsonNode space = node.get("space");
        JsonNode genotype = node.get("genotype");
        if (space == null || !space.isTextual() || genotype == null || !(genotype.isTextual() || genotype.isObject())) {
            throw new UserError(source + ": expected a JSON object with the fields \"space\" (text) and \"genotype\"");
        }
        CellTraining s = Spaces.training(space.asText());
        return new FoundCell(s, s.parse(genotype.isTextual() ? genotype.asText() : genotype.toString()));
    }

    private static Path asPath(String source) {
        try {
            return Path.of(source);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
