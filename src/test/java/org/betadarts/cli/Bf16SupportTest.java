package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.betadarts.io.UserError;
import org.junit.jupiter.api.Test;

class Bf16SupportTest {
    /**
     * With the prebuilt JNI library (no bfloat16) bf16 is refused in one line, and this JVM survives
     * the question; with a library that has it (-Dbetadarts.bf16=true, the device check) it is accepted.
     */
    @Test
    void bf16IsRefusedInOneLineWhereTheEngineHasNone() {
        assertDoesNotThrow(() -> Bf16Support.check("fp32"));
        assertDoesNotThrow(() -> Bf16Support.check(null));
        if (Boolean.getBoolean("betadarts.bf16")) {
            assertDoesNotThrow(() -> Bf16Support.check("bf16"));
        } else {
            UserError e = assertThrows(UserError.class, () -> Bf16Support.check("bf16"));
            assertTrue(e.getMessage().startsWith("--precision bf16: this PyTorch JNI library has no bfloat16"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
