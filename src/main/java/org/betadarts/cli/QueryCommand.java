package org.betadarts.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.Callable;
import org.betadarts.io.Json;
import org.betadarts.space.Benchmark;
import org.betadarts.space.Genotype;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code query ARCH}: prints the NAS-Bench-201 results of one cell (the benchmark of the default space). */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Print the NAS-Bench-201 accuracies and size of a cell given as an arch string.")
public final class QueryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ARCH",
            description = "NAS-Bench-201 arch string, e.g. '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|"
                    + "+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|'")
    String arch;

    @Option(names = "--json", description = "Print the row as JSON.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        SearchSpace space = Spaces.byName(Spaces.DEFAULT);
        Benchmark benchmark = space.benchmark().orElseThrow();
        Genotype cell = space.training().parse(arch);
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(benchmark.json(cell)));
        } else {
            System.out.print(benchmark.format(cell));
        }
        System.out.flush();
        return 0;
    }
}
