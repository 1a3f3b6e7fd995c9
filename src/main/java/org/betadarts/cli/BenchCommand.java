package org.betadarts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.betadarts.bench.BenchResult;
import org.betadarts.bench.BenchSettings;
import org.betadarts.bench.Benchmark;
import org.betadarts.io.Json;
import org.betadarts.nn.Devices;
import org.betadarts.search.RecomputeSetting;
import org.betadarts.search.SearchConfig;
import org.betadarts.space.SearchSpace;
import org.betadarts.space.Spaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code betadarts bench}: times search steps phase by phase and reports memory and FLOPs. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times search steps (an alpha step and a weight step each) on random images: "
                + "median and spread of each phase, FLOPs, peak resident memory, and the machine's "
                + "plain-convolution speed for comparison.",
            "The network is the paper preset's of the space unless -C, -N (nb201) or --layers (DARTS spaces) say "
                + "otherwise: C=16 and N=5 or L=8."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--space", description = "search space: ${COMPLETION-CANDIDATES} (default nb201)",
            completionCandidates = Names.OfSpaces.class)
    String space = Spaces.DEFAULT;

    @Option(names = "--order", description = "alpha gradient: first or second (default first)")
    String order = "first";

    @Option(names = "--batch", description = "batch size (default 64)")
    int batch = 64;

    @Mixin
    NetworkFlags network = new NetworkFlags();

    @Option(names = "--image-size", description = "image height and width (default 32)")
    int imageSize = 32;

    @Option(names = "--input-channels", description = "image channels (default 3)")
    int inputChannels = 3;

    @Option(names = "--classes", description = "classes (default 10)")
    int classes = 10;

    @Option(names = "--steps", description = "timed steps (default 10)")
    int steps = 10;

    @Option(names = "--warmup", description = "untimed steps before them, after one that counts FLOPs (default 2)")
    int warmup = 2;

    @Option(names = "--threads", description = "intra-op threads (default: available processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--device", description = "cpu (default), gpu or gpu:N")
    String device = "cpu";

    @Option(names = "--recompute", paramLabel = "CUTS", description = "auto (default), off, a number of layers or "
            + "cut points N1,N2,...: the search's --recompute")
    String recompute = RecomputeSetting.AUTO;

    @Option(names = "--method", description = "search method: ${COMPLETION-CANDIDATES} (default darts)",
            completionCandidates = Names.OfMethods.class)
    String method = "darts";

    @Option(names = "--precision", paramLabel = "fp32|bf16", description = "the search's --precision (default fp32)")
    String precision = "fp32";

    @Option(names = "--json", description = "also write the figures to this JSON file")
    Path json;

    @Option(names = "--profile", description = "after the timed steps, profile one more step with the engine's "
            + "profiler and write its trace (a JSON array of Chrome trace events, for chrome://tracing or Perfetto) to this file")
    Path profile;

    @Override
    public Integer call() {
        SearchSpace benched = Spaces.byName(space);
        SearchConfig paper = SearchConfig.preset("paper", benched);
        Integer channels = network.channels;
        Integer cells = network.depth(benched.training(), space);
        BenchSettings settings = new BenchSettings(space, order, batch,
                channels == null ? paper.channels() : channels, cells == null ? paper.cells() : cells, imageSize, inputChannels,
                classes, steps, warmup, threads, recompute, method, precision);
        Bf16Support.check(precision);
        BenchResult result = Benchmark.run(settings, Devices.parse(device), profile);
        System.out.print(result.table());
        if (json != null) {
            Json.write(json, result.json());
            System.out.println("written: " + json);
        }
        if (profile != null) {
            System.out.println("profile of one step: " + profile);
        }
        return 0;
    }
}
