package org.betadarts.bench;

import java.util.EnumMap;
import java.util.Map;
import org.betadarts.nn.LayerTrace;
import org.betadarts.search.SearchListener;
import org.betadarts.search.StepPhase;

/**
 * Listens to the steps of a benchmark: the first step counts FLOPs per phase (with a
 * {@link LayerTrace} observer installed), the next {@code warmup} are ignored, and the rest are timed
 * phase by phase.
 */
final class StepRecorder implements SearchListener {
    private final int warmup;
    private final FlopCounter counter = new FlopCounter();
    private final Map<StepPhase, Flops> flops = new EnumMap<>(StepPhase.class);
    private final Map<StepPhase, long[]> phaseNanos = new EnumMap<>(StepPhase.class);
    private final long[] stepNanos;
    private final long[] stepCpuNanos;
    private long lastCpu = ProcessStats.cpuNanos();
    private int step;

    StepRecorder(int warmup, int timedSteps) {
        this.warmup = warmup;
        stepNanos = new long[timedSteps];
        stepCpuNanos = new long[timedSteps];
        for (StepPhase p : StepPhase.values()) {
            phaseNanos.put(p, new long[timedSteps]);
        }
    }

    /** Installs the FLOP counter for the first step; call on the thread that runs the steps. */
    void start() {
        LayerTrace.observe(counter);
    }

    @Override
    public boolean synchronizesPhases() {
        return true;
    }

    @Override
    public void phaseEnded(StepPhase phase, long nanos) {
        if (step == 0) {
            flops.put(phase, counter.take());
        } else if (step > warmup) {
            int i = step - warmup - 1;
            phaseNanos.get(phase)[i] += nanos;
            stepNanos[i] += nanos;
        }
    }

    @Override
    public void stepped(int epoch, int index, double trainLoss, double trainAccuracy) {
        if (step == 0) {
            LayerTrace.observe(null);
        }
        long cpu = ProcessStats.cpuNanos();
        if (step > warmup) {
            stepCpuNanos[step - warmup - 1] = cpu - lastCpu;
        }
        lastCpu = cpu;
        step++;
    }

    Map<StepPhase, Flops> flops() {
        return flops;
    }

    Map<StepPhase, Summary> phases() {
        Map<StepPhase, Summary> out = new EnumMap<>(StepPhase.class);
        phaseNanos.forEach((p, n) -> out.put(p, Summary.ofNanos(n)));
        return out;
    }

    Summary steps() {
        return Summary.ofNanos(stepNanos);
    }

    /** CPU time of the whole process per timed step, all threads. */
    Summary stepsCpu() {
        return Summary.ofNanos(stepCpuNanos);
    }
}
