package org.betadarts.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writeReplacesTheWholeContent() throws IOException {
        Path f = dir.resolve("metrics.json");
        AtomicFiles.writeString(f, "a much longer first content\nwith two lines\n");
        assertEquals("a much longer first content\nwith two lines\n", Files.readString(f));
        AtomicFiles.writeString(f, "short");
        assertEquals("short", Files.readString(f), "no bytes of the old content remain");
        AtomicFiles.write(f, out -> {
            out.write("é".getBytes(StandardCharsets.UTF_8));
            out.write('!');
        });
        assertEquals("é!", Files.readString(f));
        assertEquals(List.of(f), listing(), "no temporary files left");
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path f = dir.resolve("run/alpha/epoch-001.json");
        AtomicFiles.writeString(f, "{}");
        assertEquals("{}", Files.readString(f));
    }

    @Test
    void failingWriterKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("genotype.txt");
        AtomicFiles.writeString(f, "old content\n");
        UserError e = assertThrows(UserError.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("genotype.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("old content\n", Files.readString(f));
        assertEquals(List.of(f), listing());

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals("old content\n", Files.readString(f));
        assertEquals(List.of(f), listing());
    }

    @Test
    void failingFirstWriteCreatesNothing() throws IOException {
        Path f = dir.resolve("new.txt");
        assertThrows(UserError.class, () -> AtomicFiles.write(f, out -> {
            throw new IOException("nope");
        }));
        assertEquals(List.of(), listing());
    }

    @Test
    void appendLineAddsOneLine() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        AtomicFiles.appendLine(f, "{\"epoch\":1}");
        AtomicFiles.appendLine(f, "{\"epoch\":2}");
        assertEquals("{\"epoch\":1}\n{\"epoch\":2}\n", Files.readString(f));
        assertEquals(List.of(f), listing());
    }

    @org.junit.jupiter.api.Test
    void writtenFilesAreReadableByOthers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("out.json");
        AtomicFiles.writeString(f, "{}");
        org.junit.jupiter.api.Assumptions.assumeTrue(f.getFileSystem().supportedFileAttributeViews().contains("posix"));
        org.junit.jupiter.api.Assertions.assertEquals("rw-r--r--",
                java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(f)));
    }

    @Test
    void aDirectoryAppearsWholeOrNotAtAll() throws IOException {
        Path model = dir.resolve("model");
        AtomicFiles.writeDirectory(model, tmp -> {
            Files.writeString(tmp.resolve("a.json"), "{}");
            Files.writeString(tmp.resolve("b.bin"), "b");
        });
        assertEquals("{}", Files.readString(model.resolve("a.json")));
        assertEquals("b", Files.readString(model.resolve("b.bin")));
        Path failed = dir.resolve("failed");
        assertThrows(UserError.class, () -> AtomicFiles.writeDirectory(failed, tmp -> {
            Files.writeString(tmp.resolve("a.json"), "{}");
            throw new IOException("disk full");
        }));
        assertEquals(List.of(model), listing(), "neither the directory nor its temporary one is left");
    }
}
