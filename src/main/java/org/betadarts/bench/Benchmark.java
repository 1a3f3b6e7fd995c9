package org.betadarts.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.betadarts.data.Dataset;
import org.betadarts.io.AtomicFiles;
import org.betadarts.nn.Devices;
import org.betadarts.nn.LayerTrace;
import org.betadarts.search.Search;
import org.betadarts.search.SearchConfig;
import org.betadarts.search.SearchListener;
import org.betadarts.space.Spaces;

/**
 * Times search steps: the real {@link Search} loop on random images, with the official search settings
 * (SGD with momentum, weight decay and clipping; Adam on α; β-Decay with λ = 25 so that its term is
 * computed). Reports each phase of a step, the step's FLOPs, peak memory and, for comparison, the
 * machine's speed on a plain convolution.
 */
public final class Benchmark {
    /** β-Decay weight of the timed steps: any non-zero value makes the regularizer's term part of the step. */
    static final String LAMBDA = "25";

    private Benchmark() {}

    public static BenchResult run(BenchSettings s, Device device) {
        return run(s, device, null);
    }

    /**
     * The benchmark; with a {@code profile} path, one more step then runs under the engine's
     * profiler and its trace (Chrome trace JSON: chrome://tracing, Perfetto) is written there.
     */
    public static BenchResult run(BenchSettings s, Device device, Path profile) {
        Engine engine = Devices.engine();
        if (s.threads() > 0) {
            JniUtils.setNumThreads(s.threads());
        }
        int steps = s.totalSteps() + (profile == null ? 0 : 1);
        Dataset data = RandomImages.create(2 * steps * s.batch(), s.inputChannels(), s.imageSize(), s.classes(), 1);
        SearchConfig config = SearchConfig.paper().with(Map.ofEntries(Map.entry("space", s.space()),
                Map.entry("order", s.order()), Map.entry("dataset", "random"), Map.entry("batchSize", s.batch()),
                Map.entry("channels", s.channels()), Map.entry("cells", s.cells()), Map.entry("lambda", LAMBDA),
                Map.entry("device", Devices.name(device)), Map.entry("recompute", s.recompute()),
                Map.entry("method", s.method()), Map.entry("precision", s.precision())));
        StepRecorder recorder = new StepRecorder(s.warmup(), s.steps());
        long peak;
        long gpuMemory;
        try (Search search = new Search(config, data, Spaces.byName(s.space()), device)) {
            recorder.start();
            try {
                search.runSteps(0, s.totalSteps(), recorder);
            } finally {
                LayerTrace.observe(null);
            }
            if (profile != null) {
                profileOneStep(search, profile);
            }
            peak = ProcessStats.peakResidentBytes();
            gpuMemory = Devices.gpuMemoryInUse(device);
        }
        double convGflops;
        try (NDManager manager = Devices.manager(device)) {
            convGflops = ConvThroughput.gflops(manager, s.batch(), s.channels(), s.imageSize(), 30);
        }
        return new BenchResult(s, JniUtils.getNumThreads(), engine.getEngineName() + " " + engine.getVersion(),
                recorder.phases(), recorder.steps(), recorder.stepsCpu(), recorder.flops(), peak, gpuMemory, convGflops);
    }

    private static void profileOneStep(Search search, Path file) {
        try {
            Path trace = Files.createTempFile("betadarts-profile", ".json");
            try {
                JniUtils.startProfile(false, true, false);
                search.runSteps(0, 1, SearchListener.NONE);
                JniUtils.stopProfile(trace.toString());
                AtomicFiles.write(file, out -> Files.copy(trace, out));
            } finally {
                Files.deleteIfExists(trace);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
