package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void tinyBenchWritesTableAndJson() throws Exception {
        Path json = tmp.resolve("bench.json");
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("bench", "--channels", "2", "-N", "1", "--batch", "4", "--image-size", "8",
                    "--steps", "3", "--warmup", "0", "--threads", "0", "--json", json.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        String table = out.toString(StandardCharsets.UTF_8);
        for (String row : new String[] {"alpha forward+backward", "alpha update", "weight forward+backward",
            "clip + SGD update", "step", "peak resident memory", "GFLOP/s"}) {
            assertTrue(table.contains(row), row + " missing from\n" + table);
        }
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, j.get("step_seconds").get("count").asInt());
        assertTrue(j.get("peak_rss_mb").asDouble() > 0);
        JsonNode alpha = j.get("phases").get("alpha_gradient").get("flops");
        JsonNode weight = j.get("phases").get("weight_gradient").get("flops");
        long forward = alpha.get("forward").asLong();
        assertTrue(forward > 0);
        assertEquals(forward, weight.get("forward").asLong(), "both passes run the same network");
        assertEquals(0, alpha.get("weightGradient").asLong(), "weights are frozen in the alpha step");
        assertEquals(forward, weight.get("weightGradient").asLong(), "every layer is trained in the weight step");
        assertTrue(weight.get("inputGradient").asLong() < forward, "the stem needs no input gradient");
        assertEquals(weight.get("inputGradient").asLong(), alpha.get("inputGradient").asLong());
        assertEquals(0, j.get("phases").get("alpha_update").get("flops").get("forward").asLong());
    }

    @Test
    void badSettingIsAOneLineError() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.execute("bench", "--steps", "0"));
            assertEquals(2, Main.execute("bench", "--space", "nope"));
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("betadarts: --steps must be at least 1"), text);
        assertTrue(text.contains("betadarts: unknown search space 'nope'"), text);
    }
}
