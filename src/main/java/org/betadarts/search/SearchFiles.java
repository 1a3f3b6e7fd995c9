package org.betadarts.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.betadarts.space.AlphaSpec;
import org.betadarts.space.Genotype;

/** The files a search writes into its run directory besides metrics and checkpoints: α and the found cell. */
final class SearchFiles {
    private SearchFiles() {}

    /**
     * Writes α as JSON to {@code name}: the op names of the columns ({@code ops} when every edge of every
     * tensor has the same, else {@code edge_ops} per tensor), each tensor's matrix, and the method's own
     * parameters, if any, under its name.
     */
    static void writeAlpha(RunDirectory dir, String name, ArchParams alpha, String method) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < alpha.specs().size(); i++) {
            out.put(alpha.specs().get(i).name(), alpha.matrices().get(i));
        }
        Map<String, Object> file = new LinkedHashMap<>();
        List<AlphaSpec> specs = alpha.specs();
        if (specs.stream().allMatch(spec -> spec.uniform() && spec.ops(0).equals(specs.get(0).ops(0)))) {
            file.put("ops", specs.get(0).ops(0));
        } else {
            Map<String, Object> edgeOps = new LinkedHashMap<>();
            specs.forEach(spec -> edgeOps.put(spec.name(), spec.edgeOps()));
            file.put("edge_ops", edgeOps);
        }
        file.put("alpha", out);
        if (!alpha.extraSpecs().isEmpty()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            List<float[][]> matrices = alpha.extraMatrices();
            for (int i = 0; i < matrices.size(); i++) {
                extra.put(alpha.extraSpecs().get(i).name(), matrices.get(i));
            }
            file.put(method, extra);
        }
        dir.writeJson(name, file);
    }

    /** Writes the found cell of space {@code space}: {@code genotype.json} (space and genotype) and its text form. */
    static void writeCell(RunDirectory dir, String space, Genotype genotype) {
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("space", space);
        found.put("genotype", genotype.json());
        dir.writeJson(RunDirectory.GENOTYPE_JSON, found);
        dir.writeText(RunDirectory.GENOTYPE_TEXT, genotype.text() + "\n");
    }
}
