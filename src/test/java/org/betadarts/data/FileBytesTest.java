package org.betadarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBytesTest {
    @TempDir
    Path dir;

    /** Writes 7 bytes of something else, then the payload, then 5 more bytes; returns the file. */
    private Path write(byte[] payload) throws IOException {
        byte[] file = new byte[7 + payload.length + 5];
        Arrays.fill(file, (byte) 0x7f);
        System.arraycopy(payload, 0, file, 7, payload.length);
        Path path = dir.resolve("f.bin");
        Files.write(path, file);
        return path;
    }

    @Test
    void readsRawBytesAtTheirOffset() throws IOException {
        byte[] data = TestFiles.pattern(3, 1, 10, 10);
        Path file = write(data);
        try (InputStream in = new FileBytes(7, data.length, false).open(file)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void decodesLatin1TextAcrossBufferBoundaries() throws IOException {
        byte[] data = new byte[200_001];
        new Random(3).nextBytes(data);
        byte[] utf8 = new String(data, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
        Path file = write(utf8);
        FileBytes bytes = new FileBytes(7, utf8.length, true);
        try (InputStream in = bytes.open(file)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        try (InputStream in = bytes.open(file)) {
            byte[] part = new byte[1000];
            int at = 0;
            while (at < data.length) {
                int skip = Math.min(768, data.length - at);
                in.skipNBytes(skip);
                at += skip;
                int n = in.readNBytes(part, 0, Math.min(part.length, data.length - at));
                assertArrayEquals(Arrays.copyOfRange(data, at, at + n), Arrays.copyOf(part, n), "at " + at);
                at += n;
            }
            assertTrue(in.read() == -1);
        }
    }

    @Test
    void refusesCharactersAbove255AndCutCharacters() throws IOException {
        byte[] wide = "abc\u0100".getBytes(StandardCharsets.UTF_8);
        Path file = write(wide);
        IOException e = assertThrows(IOException.class, () -> {
            try (InputStream in = new FileBytes(7, wide.length, true).open(file)) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().contains("above 255"), e.getMessage());
        byte[] cut = Arrays.copyOf("ab\u00e9".getBytes(StandardCharsets.UTF_8), 3);
        Path cutFile = write(cut);
        e = assertThrows(IOException.class, () -> {
            try (InputStream in = new FileBytes(7, cut.length, true).open(cutFile)) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().contains("end inside a character"), e.getMessage());
    }
}
