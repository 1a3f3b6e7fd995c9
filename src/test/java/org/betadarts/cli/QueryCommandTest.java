package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.betadarts.io.Json;
import org.betadarts.io.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QueryCommandTest {
    static final String BETA =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStdout() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(original);
    }

    private String out() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheRow() {
        int code = new CommandLine(new QueryCommand()).execute(BETA);
        assertEquals(0, code);
        String text = out();
        assertTrue(text.contains(BETA), text);
        assertTrue(text.contains("9930"), text);
        assertTrue(text.contains("91.55 / 94.36"), text);
        assertTrue(text.contains("1.288506 M"), text);
    }

    @Test
    void printsJson() throws Exception {
        int code = new CommandLine(new QueryCommand()).execute("--json", BETA);
        assertEquals(0, code);
        JsonNode row = Json.MAPPER.readTree(out());
        assertEquals(9930, row.get("index").asInt());
        assertEquals(BETA, row.get("arch").asText());
        assertEquals(94.36, row.get("cifar10Test").asDouble(), 0.005);
        assertEquals(1.288506, row.get("paramsM").asDouble(), 1e-9);
    }

    @Test
    void badArchIsAUserError() {
        QueryCommand cmd = new QueryCommand();
        new CommandLine(cmd).parseArgs("|nor_conv_3x3~0|+|conv~0|none~1|+|none~0|none~1|none~2|");
        String msg = assertThrows(UserError.class, cmd::call).getMessage();
        assertTrue(msg.contains("unknown op 'conv'"), msg);
        assertEquals("", out());
    }

    @Test
    void missingArchIsAUsageError() {
        CommandLine cl = new CommandLine(new QueryCommand());
        cl.setErr(new PrintWriter(new ByteArrayOutputStream()));
        assertEquals(2, cl.execute());
    }
}
