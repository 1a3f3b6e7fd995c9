package org.betadarts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.betadarts.io.UserError;
import org.betadarts.search.RecomputeSetting;
import org.betadarts.search.StepPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchmarkTest {
    private static BenchSettings tiny(String space, String order) {
        return tiny(space, order, RecomputeSetting.AUTO);
    }

    private static BenchSettings tiny(String space, String order, String recompute) {
        return new BenchSettings(space, order, 4, 4, space.equals("nb201") ? 1 : 2, 8, 1, 3, 3, 1, 0, recompute, "darts",
                "fp32");
    }

    /** Every timed step reaches the summary: each phase that does work took time, and they add up to the step. */
    @ParameterizedTest
    @ValueSource(strings = {"first", "second"})
    void timesEveryStepAndPhase(String order) {
        BenchResult r = Benchmark.run(tiny("darts", order), Device.cpu());
        assertEquals(3, r.step().count());
        assertTrue(r.step().min() > 0, "step time " + r.step());
        for (StepPhase phase : new StepPhase[] {StepPhase.ALPHA_GRADIENT,
                StepPhase.WEIGHT_GRADIENT}) {
            assertTrue(r.phases().get(phase).min() > 0, phase + " " + r.phases().get(phase));
        }
        double phaseSum = r.phases().values().stream().mapToDouble(Summary::median).sum();
        assertTrue(phaseSum > 0.5 * r.step().median() && phaseSum < 2 * r.step().median(),
                "phase medians " + phaseSum + " against step median " + r.step().median());
        assertTrue(r.stepFlops().total() > 0);
        assertTrue(r.peakResidentBytes() != 0);
    }

    @Test
    void secondOrderCountsMoreWorkInTheAlphaPhase() {
        Map<StepPhase, Flops> first = Benchmark.run(tiny("nb201", "first"), Device.cpu()).flops();
        Map<StepPhase, Flops> second = Benchmark.run(tiny("nb201", "second"), Device.cpu()).flops();
        StepPhase alpha = StepPhase.ALPHA_GRADIENT;
        assertTrue(second.get(alpha).total() > 2 * first.get(alpha).total(),
                first.get(alpha) + " against " + second.get(alpha));
    }

    /** The first, unrecorded run of the recomputed layers is not counted: the work is that of a plain pass. */
    @ParameterizedTest
    @ValueSource(strings = {"nb201", "darts"})
    void recomputationCountsTheWorkOfAPlainPass(String space) {
        Map<StepPhase, Flops> plain = Benchmark.run(tiny(space, "first", RecomputeSetting.OFF), Device.cpu()).flops();
        Map<StepPhase, Flops> recomputing = Benchmark.run(tiny(space, "first", "1"), Device.cpu()).flops();
        assertTrue(plain.get(StepPhase.WEIGHT_GRADIENT).total() > 0);
        assertEquals(plain, recomputing);
    }

    @Test
    void writesTheProfileOfOneStep(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("step.json");
        Benchmark.run(tiny("nb201", "first"), Device.cpu(), trace);
        JsonNode events = new ObjectMapper().readTree(trace.toFile());
        boolean convolution = false;
        for (JsonNode e : events) {
            convolution |= e.path("name").asText().equals("aten::convolution");
        }
        assertTrue(convolution, "the trace records the step's convolutions");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void refusesUnknownOrder() {
        UserError e = assertThrows(UserError.class, () -> tiny("nb201", "third"));
        assertEquals("--order must be first or second, not 'third'", e.getMessage());
    }
}
