package org.betadarts.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.betadarts.search.StepPhase;

/**
 * The figures of one benchmark run: per-phase and whole-step timings, FLOPs per phase, peak resident
 * memory, and the machine's plain-convolution throughput.
 *
 * @param threads intra-op threads of the engine during the run
 * @param stepCpu CPU time of the whole process per step (all threads; spin-waiting included)
 * @param peakResidentBytes VmHWM of the process after the steps, -1 where unknown
 * @param gpuMemoryBytes GPU memory in use after the steps (the engine's cached allocations, whose
 *     peak they are, and the context), -1 on the CPU
 */
public record BenchResult(BenchSettings settings, int threads, String engine, Map<StepPhase, Summary> phases,
                          Summary step, Summary stepCpu, Map<StepPhase, Flops> flops, long peakResidentBytes, long gpuMemoryBytes, double convGflops) {
    /** FLOPs of one step, all phases. */
    public Flops stepFlops() {
        return flops.values().stream().reduce(Flops.ZERO, Flops::plus);
    }

    /** Counted FLOPs of a step over the median step time, in GFLOP/s. */
    public double achievedGflops() {
        return stepFlops().total() / step.median() / 1e9;
    }

    /** A table for people. */
    public String table() {
        StringBuilder b = new StringBuilder();
        BenchSettings s = settings;
        b.append(String.format("%s supernet, %s, %s order, C=%d, %d cells, batch %d of %dx%dx%d, %d timed steps after %d untimed (1 counting FLOPs)%n",
                s.space(), s.method(), s.order(), s.channels(), s.cells(), s.batch(), s.inputChannels(), s.imageSize(), s.imageSize(),
                s.steps(), s.warmup() + 1));
        b.append(String.format("%s, %d threads (waiting: %s), recompute %s, %s%n%n", engine, threads,
                ThreadWaiting.describe(), s.recompute(), s.precision()));
        b.append(String.format("%-26s %9s %9s %9s %9s %9s %9s%n", "phase", "median s", "q1", "q3", "min", "max",
                "GFLOP"));
        for (Map.Entry<StepPhase, Summary> e : phases.entrySet()) {
            row(b, e.getKey().label(), e.getValue(), flops.getOrDefault(e.getKey(), Flops.ZERO).total());
        }
        row(b, "step", step, stepFlops().total());
        b.append(String.format("%-26s %9.4f %9.4f %9.4f %9.4f %9.4f%n", "step, process CPU time", stepCpu.median(),
                stepCpu.q1(), stepCpu.q3(), stepCpu.min(), stepCpu.max()));
        b.append(String.format("%nachieved %.1f GFLOP/s (convolutions and linear layers, counted), %.0f%% of the "
                + "%.1f GFLOP/s of plain 3x3 convolutions at the stages' sizes%n", achievedGflops(),
                100 * achievedGflops() / convGflops, convGflops));
        b.append(String.format("peak resident memory %.0f MB%n", peakResidentBytes / 1048576.0));
        if (gpuMemoryBytes >= 0) {
            b.append(String.format("GPU memory in use after the steps %.0f MB (cached allocations and context)%n",
                    gpuMemoryBytes / 1048576.0));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Summary t, long flops) {
        b.append(String.format("%-26s %9.4f %9.4f %9.4f %9.4f %9.4f %9.2f%n", name, t.median(), t.q1(), t.q3(),
                t.min(), t.max(), flops / 1e9));
    }

    /** The same figures as a JSON-ready map. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("implementation", "betadarts");
        m.put("settings", settings);
        m.put("engine", engine);
        m.put("threads", threads);
        m.put("thread_waiting", ThreadWaiting.environment());
        m.put("step_seconds", step);
        m.put("step_cpu_seconds", stepCpu);
        Map<String, Object> phaseMap = new LinkedHashMap<>();
        for (Map.Entry<StepPhase, Summary> e : phases.entrySet()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("label", e.getKey().label());
            p.put("seconds", e.getValue());
            p.put("flops", flops.getOrDefault(e.getKey(), Flops.ZERO));
            phaseMap.put(e.getKey().name().toLowerCase(), p);
        }
        m.put("phases", phaseMap);
        m.put("step_flops", stepFlops());
        m.put("achieved_gflops", achievedGflops());
        m.put("conv3x3_gflops", convGflops);
        m.put("peak_rss_mb", peakResidentBytes / 1048576.0);
        if (gpuMemoryBytes >= 0) {
            m.put("gpu_memory_in_use_mb", gpuMemoryBytes / 1048576.0);
        }
        m.put("flop_convention", "convolutions and linear layers; forward 2*MACs; backward 2*MACs per gradient "
                + "computed (input, weight); batch norm, pooling and element-wise ops not counted");
        return m;
    }
}
