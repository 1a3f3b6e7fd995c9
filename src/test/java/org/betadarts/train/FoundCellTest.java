package org.betadarts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.betadarts.io.UserError;
import org.betadarts.space.nb201.Nb201Genotype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoundCellTest {
    private static final String ARCH = TinyTraining.CELL;
    private static final String JSON = "{\"space\": \"nb201\", \"genotype\": \"" + ARCH + "\"}";

    @TempDir
    Path tmp;

    private static void assertCell(FoundCell cell) {
        assertEquals("nb201", cell.space().name());
        assertEquals(Nb201Genotype.parse(ARCH), cell.genotype());
    }

    @Test
    void readsRunDirectoriesFilesAndStrings() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("genotype.json"), JSON);
        Files.writeString(run.resolve("genotype.txt"), "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\n");
        assertCell(FoundCell.resolve(run.toString()));

        Path textOnly = Files.createDirectories(tmp.resolve("text"));
        Files.writeString(textOnly.resolve("genotype.txt"), ARCH + "\n");
        assertCell(FoundCell.resolve(textOnly.toString()));

        Path json = Files.writeString(tmp.resolve("cell.json"), JSON);
        assertCell(FoundCell.resolve(json.toString()));
        Path txt = Files.writeString(tmp.resolve("cell.txt"), "  " + ARCH + "\n");
        assertCell(FoundCell.resolve(txt.toString()));

        assertCell(FoundCell.resolve(ARCH));
        assertEquals(java.util.Map.of("space", "nb201", "genotype", ARCH), FoundCell.resolve(ARCH).json());
    }

    @Test
    void anythingElseIsOneLineSayingWhat() throws Exception {
        assertMessage("runs/search-missing", "neither a run directory, a file nor a genotype");
        assertMessage("|nor_conv_3x3~0|+|bogus~0|", "bad NAS-Bench-201 arch");
        assertMessage("two\nlines", "two\\nlines");
        assertMessage(Files.createDirectories(tmp.resolve("empty")).toString(), "no genotype.json or genotype.txt");
        assertMessage(Files.writeString(tmp.resolve("other.json"), "{\"space\": \"nb201\"}").toString(),
                "\"space\" (text) and \"genotype\"");
        assertMessage(Files.writeString(tmp.resolve("bad.json"), "{\"space\": ").toString(), "cannot read");
        assertMessage(Files.writeString(tmp.resolve("darts.json"), "{\"space\": \"mars\", \"genotype\": \"x\"}")
                .toString(), "space 'mars'");
        assertMessage(Files.writeString(tmp.resolve("notes.txt"), "hello").toString(), "no genotype");
    }

    private static void assertMessage(String source, String part) {
        UserError e = assertThrows(UserError.class, () -> FoundCell.resolve(source));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
