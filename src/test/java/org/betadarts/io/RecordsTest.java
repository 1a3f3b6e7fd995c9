package org.betadarts.io;

import static org.betadarts.io.Records.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {
    record Settings(String name, long seed, double lr, String dir) {}

    @Test
    void ofTakesEveryFieldByNameConvertingNumbers() {
        assertEquals(new Settings("a", 3, 5, null),
                Records.of(Settings.class, field("lr", 5), field("name", "a"), field("dir", null), field("seed", 3)));
    }

    @Test
    void ofRefusesAMissingATwiceGivenAndAnUnknownField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Records.of(Settings.class, field("name", "a"), field("seed", 3), field("lr", 5)));
        assertEquals("Settings settings not given: [dir]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Records.of(Settings.class, field("name", "a"),
                field("seed", 3), field("lr", 5), field("dir", null), field("seed", 4)));
        assertEquals("Settings setting seed is given twice", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Records.of(Settings.class, field("name", "a"),
                field("seed", 3), field("lr", 5), field("dir", null), field("epochs", 4)));
        assertEquals("no Settings setting named epochs", e.getMessage());
    }

    @Test
    void withReplacesTheNamedFields() {
        assertEquals(new Settings("a", 7, 5, "d"), Records.with(new Settings("a", 3, 5, null),
                Map.of("seed", 7, "dir", "d")));
    }
}
