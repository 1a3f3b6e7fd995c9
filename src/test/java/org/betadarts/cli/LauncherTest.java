package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launcher's choice of libtorch build is checked before it builds or runs anything. */
class LauncherTest {
    @Test
    void anUnknownNativesSettingIsOneLine() throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", Path.of("betadarts").toAbsolutePath().toString(), "query", "x")
                .redirectErrorStream(true);
        b.environment().put("BETADARTS_NATIVES", "rocm");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor());
        assertEquals("betadarts: BETADARTS_NATIVES=rocm: expected cpu or cuda\n", out);
    }
}
