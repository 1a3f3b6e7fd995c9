package org.betadarts.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CLibraryTest {
    /** The native environment is the one the process started with, as Java's copy shows it. */
    @Test
    void getenvReadsTheProcessEnvironment() {
        assertEquals(System.getenv("PATH"), CLibrary.getenv("PATH"));
        assertEquals(null, CLibrary.getenv("BETADARTS_CLIBRARY_TEST_UNSET"));
    }

    /** setenvIfUnset sets a variable once and leaves a value that is there. */
    @Test
    void setenvIfUnsetKeepsAValue() {
        CLibrary.setenvIfUnset("BETADARTS_CLIBRARY_TEST", "first");
        CLibrary.setenvIfUnset("BETADARTS_CLIBRARY_TEST", "second");
        assertEquals("first", CLibrary.getenv("BETADARTS_CLIBRARY_TEST"));
    }

    /** glibc takes both allocator settings (libc.so.6 is glibc's name for itself). */
    @Test
    void glibcKeepsFreedMemory() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && (Files.exists(Path.of("/lib64/libc.so.6"))
                || Files.exists(Path.of("/lib/x86_64-linux-gnu/libc.so.6")) || Files.exists(Path.of("/lib/aarch64-linux-gnu/libc.so.6"))));
        assertTrue(CLibrary.keepFreedMemory());
    }
}
