package org.betadarts.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.betadarts.io.UserError;
import org.betadarts.space.CellTraining;
import picocli.CommandLine.Option;

/**
 * The options that size a network, shared by {@code search}, {@code train} and {@code bench}: its
 * channels, and its depth counted as each space counts it. NAS-Bench-201 stacks three stages of N
 * cells ({@code -N/--cells-per-stage}); the DARTS spaces stack L cells in all, two of them reductions
 * ({@code --layers}, the name of quark0/darts). Both set the settings' {@code cells}; each is refused
 * in the spaces that count the other way.
 */
final class NetworkFlags {
    /** The field of --layers, which {@link #settings} turns into the setting {@code cells}. */
    static final String LAYERS = "layers";

    @Option(names = {"--channels", "-C"}, paramLabel = "C", description = "channels of the first stage (C)")
    Integer channels;

    @Option(names = {"--cells-per-stage", "-N"}, paramLabel = "N",
            description = "nb201: cells per stage (N); the DARTS spaces take --layers")
    Integer cells;

    @Option(names = "--layers", paramLabel = "L",
            description = "the DARTS spaces: cells in all (L), reductions at L/3 and 2L/3; nb201 takes -N")
    Integer layers;

    /**
     * {@code given} (options by field name) with {@code layers} turned into {@code cells}, for a network of
     * {@code kind}'s cells in the space {@code space}.
     *
     * @throws UserError when the depth is given by the flag of the other kind of space
     */
    Map<String, Object> settings(Map<String, Object> given, CellTraining kind, String space) {
        Map<String, Object> out = new LinkedHashMap<>(given);
        out.remove(LAYERS);
        Integer depth = depth(kind, space);
        if (depth != null) {
            out.put("cells", depth);
        }
        return out;
    }

    /** The number of cells given for {@code kind}'s network (null: none given). */
    Integer depth(CellTraining kind, String space) {
        if (kind.cellsPerStage() && layers != null) {
            throw new UserError("--layers counts all the cells of a DARTS-space network; " + space
                    + " takes -N/--cells-per-stage, the cells per stage");
        }
        if (!kind.cellsPerStage() && cells != null) {
            throw new UserError("-N/--cells-per-stage counts the cells per stage of nb201; " + space
                    + " takes --layers L, the number of cells in all");
        }
        return layers != null ? layers : cells;
    }
}
