package org.betadarts.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.betadarts.search.Perturbation;
import org.betadarts.search.RunDirectory;

/**
 * What a finished or unfinished run directory holds, read from its files alone: the settings
 * ({@code config.json}), one metrics line per epoch, raw α after each epoch with the op names of
 * their columns ({@code alpha/epoch-NNN.json}), and the found cell ({@code genotype.json}) once the
 * run has finished. Summaries and reports read runs only through this class.
 */
public final class RunRecord {
    private final Path dir;
    private final JsonNode config;
    private final List<JsonNode> metrics;
    private final List<String> ops;
    private final List<String> tensorNames;
    private final List<List<float[][]>> alphas;
    private final JsonNode genotype;

    private RunRecord(Path dir, JsonNode config, List<JsonNode> metrics, List<String> ops, List<String> tensorNames,
            List<List<float[][]>> alphas, JsonNode genotype) {
        this.dir = dir;
        this.config = config;
        this.metrics = metrics;
        this.ops = ops;
        this.tensorNames = tensorNames;
        this.alphas = alphas;
        this.genotype = genotype;
    }

    /** Whether {@code dir} looks like a run directory (it has a config or metrics file). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunDirectory.CONFIG)) || Files.isRegularFile(dir.resolve(RunDirectory.METRICS));
    }

    /** Whether the run in {@code dir} has finished: its genotype is written last. */
    public static boolean isFinished(Path dir) {
        return Files.isRegularFile(dir.resolve(RunDirectory.GENOTYPE_JSON));
    }

    public static RunRecord read(Path dir) {
        if (!isRun(dir)) {
            throw new UserError(dir + " is not a run directory (no " + RunDirectory.CONFIG + ")");
        }
        JsonNode config = Json.read(dir.resolve(RunDirectory.CONFIG), JsonNode.class);
        List<JsonNode> metrics = new ArrayList<>();
        Path metricsFile = dir.resolve(RunDirectory.METRICS);
        try {
            if (Files.exists(metricsFile)) {
                for (String line : Files.readAllLines(metricsFile)) {
                    if (!line.isBlank()) {
                        metrics.add(Json.MAPPER.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + metricsFile + ": " + e.getMessage(), e);
        }
        List<String> ops = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<List<float[][]>> alphas = new ArrayList<>();
        for (Path file : alphaFiles(dir)) {
            JsonNode node = Json.read(file, JsonNode.class);
            ops = strings(node.get("ops"));
            names.clear();
            List<float[][]> tensors = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.get("alpha").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> tensor = it.next();
                names.add(tensor.getKey());
                tensors.add(matrix(tensor.getValue()));
            }
            alphas.add(tensors);
        }
        JsonNode genotype = isFinished(dir) ? Json.read(dir.resolve(RunDirectory.GENOTYPE_JSON), JsonNode.class) : null;
        JsonNode settings = config.has("config") ? config.get("config") : config;
        return new RunRecord(dir, settings, metrics, List.copyOf(ops), List.copyOf(names), alphas, genotype);
    }

    private static List<Path> alphaFiles(Path dir) {
        Path alphaDir = dir.resolve("alpha");
        if (!Files.isDirectory(alphaDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(alphaDir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UserError("cannot list " + alphaDir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            JsonNode row = rows.get(r);
            m[r] = new float[row.size()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = (float) row.get(c).asDouble();
            }
        }
        return m;
    }

    public Path dir() {
        return dir;
    }

    /** The resolved settings ({@code config} of config.json). */
    public JsonNode config() {
        return config;
    }

    public String regularizer() {
        return config.path("regularizer").asText("?");
    }

    /** The SDARTS perturbation of the weight steps: none (also in settings written before it existed), random or adversarial. */
    public String perturbation() {
        JsonNode p = config.get("perturbAlpha");
        return p == null || p.isNull() ? Perturbation.NONE : p.asText();
    }

    /**
     * The regularizer with its weight when one was given and its perturbation when perturbed:
     * {@code l2}, {@code l2=0.5}, {@code beta-decay+random}, {@code sdarts-adv}
     * ({@link Experiment.Run#label(String, String, String)}). Runs of an experiment with the same label
     * are seeds of the same setting.
     */
    public String label() {
        JsonNode lambda = config.get("lambda");
        return Experiment.Run.label(regularizer(), lambda == null || lambda.isNull() ? null : lambda.asText(),
                perturbation());
    }

    public long seed() {
        return config.path("seed").asLong();
    }

    public String space() {
        return genotype != null ? genotype.path("space").asText() : config.path("space").asText();
    }

    /** One JSON object per finished epoch, in order. */
    public List<JsonNode> metrics() {
        return metrics;
    }

    /** The values of one metric over the epochs (NaN where a line lacks it). */
    public double[] metric(String name) {
        return metrics.stream().mapToDouble(m -> m.path(name).asDouble(Double.NaN)).toArray();
    }

    public boolean hasMetric(String name) {
        return metrics.stream().anyMatch(m -> m.has(name));
    }

    /** The op name of each α column. */
    public List<String> ops() {
        return ops;
    }

    /** The names of the α tensors ({@code cell} on NAS-Bench-201). */
    public List<String> tensorNames() {
        return tensorNames;
    }

    /** Raw α after each epoch, the initial α first: one list of (edges x ops) matrices per epoch. */
    public List<List<float[][]>> alphas() {
        return alphas;
    }

    public boolean finished() {
        return genotype != null;
    }

    /** The found cell in the space's text form; null while the run has not finished. */
    public String genotype() {
        return genotype == null ? null : genotype.path("genotype").asText();
    }

    /** The op names that the found cell's text mentions, in order (empty while unfinished). */
    public List<String> genotypeOps() {
        if (genotype == null) {
            return List.of();
        }
        return Arrays.stream(genotype().split("[^A-Za-z0-9_]+")).filter(ops::contains).toList();
    }

    /** The supernet's accuracy on the α part after the last epoch, NaN without metrics. */
    public double finalValidAccuracy() {
        return metrics.isEmpty() ? Double.NaN : metrics.get(metrics.size() - 1).path("valid_acc").asDouble(Double.NaN);
    }
}
