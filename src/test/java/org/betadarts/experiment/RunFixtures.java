package org.betadarts.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.io.Json;
import org.betadarts.search.RunDirectory;
import org.betadarts.space.nb201.Nb201Cell;
import org.betadarts.space.nb201.Nb201Ops;

/** Writes run directories by hand, with the files a search writes, for summary and report tests. */
public final class RunFixtures {
    private RunFixtures() {}

    /**
     * A NAS-Bench-201 run: config.json, one metrics line per accuracy, α files for epochs 0..n
     * (α of epoch e on edge r, op c: (e + 1) · (c − 2) / 10 + r / 100), and genotype.json when
     * {@code genotype} is given. β-Decay runs also record a Hessian eigenvalue.
     */
    public static Path nb201Run(Path dir, String regularizer, String lambda, long seed, String genotype,
            double... validAcc) throws Exception {
        return nb201Run(dir, regularizer, lambda, null, seed, genotype, validAcc);
    }

    /** {@link #nb201Run(Path, String, String, long, String, double...)} of a run of an experiment's grid. */
    public static Path nb201Run(Path dir, Experiment.Run run, String genotype, double... validAcc) throws Exception {
        return nb201Run(dir, run.regularizer(), run.weight(), run.perturbation(), run.seed(), genotype, validAcc);
    }

    /** @param perturbation the recorded perturbAlpha; null: none recorded, as in settings written before it */
    private static Path nb201Run(Path dir, String regularizer, String lambda, String perturbation, long seed,
            String genotype, double... validAcc) throws Exception {
        Files.createDirectories(dir.resolve("alpha"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("space", "nb201");
        config.put("dataset", "fashion-mnist");
        config.put("maxTrain", 100);
        config.put("epochs", validAcc.length);
        config.put("batchSize", 16);
        config.put("channels", 4);
        config.put("cells", 1);
        config.put("seed", seed);
        config.put("regularizer", regularizer);
        config.put("lambda", lambda);
        if (perturbation != null) {
            config.put("perturbAlpha", perturbation);
        }
        Json.write(dir.resolve(RunDirectory.CONFIG), Map.of("command", "search", "config", config));
        StringBuilder metrics = new StringBuilder();
        for (int e = 0; e <= validAcc.length; e++) {
            Json.write(dir.resolve(String.format("alpha/epoch-%03d.json", e)),
                    Map.of("ops", Nb201Ops.names(), "alpha", Map.of("cell", alpha(e))));
            if (e > 0) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("epoch", e);
                line.put("train_loss", 2.0 / e);
                line.put("train_acc", validAcc[e - 1] / 2);
                line.put("arch_loss", 2.1 / e);
                line.put("arch_acc", validAcc[e - 1] / 3);
                line.put("valid_loss", 2.2 / e);
                line.put("valid_acc", validAcc[e - 1]);
                line.put("lambda", 0.5 * e);
                if (regularizer.equals("beta-decay")) {
                    line.put("hessian_eig", 0.1 * e);
                }
                metrics.append(Json.line(line)).append('\n');
            }
        }
        Files.writeString(dir.resolve(RunDirectory.METRICS), metrics.toString());
        if (genotype != null) {
            Json.write(dir.resolve(RunDirectory.GENOTYPE_JSON), Map.of("space", "nb201", "genotype", genotype));
        }
        return dir;
    }

    static List<float[]> alpha(int epoch) {
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < Nb201Cell.EDGES; r++) {
            float[] row = new float[Nb201Ops.names().size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = (epoch + 1) * (c - 2) / 10f + r / 100f;
            }
            rows.add(row);
        }
        return rows;
    }
}
