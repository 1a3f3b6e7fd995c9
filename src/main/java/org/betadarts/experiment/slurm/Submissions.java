package org.betadarts.experiment.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.AtomicFiles;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;

/**
 * The job arrays submitted for an experiment, oldest first, one JSON line each in
 * {@code DIR/slurm/jobs.jsonl}: the job id, when, and the runs of its tasks by index.
 */
public final class Submissions {
    public static final String FILE = "jobs.jsonl";

    /** One submitted array: its job id, the time of submission and the run directory name of each task index. */
    public record Job(String id, String submitted, Map<Integer, String> tasks) {
        public Job {
            tasks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        }
    }

    private Submissions() {}

    public static List<Job> read(Path experiment) {
        Path file = file(experiment);
        List<Job> jobs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return jobs;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.MAPPER.readTree(line);
                Map<Integer, String> tasks = new LinkedHashMap<>();
                n.path("tasks").fields().forEachRemaining(t -> tasks.put(Integer.parseInt(t.getKey()), t.getValue().asText()));
                jobs.add(new Job(n.path("job").asText(), n.path("submitted").asText(), tasks));
            }
        } catch (IOException | NumberFormatException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        return jobs;
    }

    public static void append(Path experiment, Job job) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("job", job.id());
        line.put("submitted", job.submitted());
        Map<String, String> tasks = new LinkedHashMap<>();
        job.tasks().forEach((i, run) -> tasks.put(Integer.toString(i), run));
        line.put("tasks", tasks);
        AtomicFiles.appendLine(file(experiment), Json.line(line));
    }

    /** The newest task that ran each run: {@code JOBID_INDEX} by run directory name. */
    public static Map<String, String> latestTasks(List<Job> jobs) {
        Map<String, String> latest = new LinkedHashMap<>();
        for (Job job : jobs) {
            job.tasks().forEach((index, run) -> latest.put(run, job.id() + "_" + index));
        }
        return latest;
    }

    private static Path file(Path experiment) {
        return experiment.resolve(SlurmExperiment.DIR).resolve(FILE);
    }
}
