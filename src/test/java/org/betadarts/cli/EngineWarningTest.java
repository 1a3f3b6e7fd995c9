package org.betadarts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.betadarts.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorch writes its warnings to the process's own standard error, past System.err, so only a
 * new process shows them: a search there must print no engine warning before its own first line.
 */
class EngineWarningTest {
    @TempDir
    Path tmp;

    @Test
    void aSearchPrintsNoEngineWarning() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        int[] labels = new int[64];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        TestFiles.writeMnist(data, "train", labels, false);
        TestFiles.writeMnist(data, "t10k", Arrays.copyOf(labels, 20), false);
        Path run = tmp.resolve("run");
        CommandRun r = CommandRun.child(tmp.resolve("search.log"), "search", "--data-dir", data.toString(),
                "--epochs", "1", "--batch-size", "16", "-C", "2", "-N", "1", "--quiet", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("AutoNonVariableTypeMode"), r.err());
        assertTrue(r.err().startsWith("search: "), r.err());
    }
}
