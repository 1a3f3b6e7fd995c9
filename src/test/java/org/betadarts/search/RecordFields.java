package org.betadarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;

/** Compares two records field by field, naming the field that differs. */
public final class RecordFields {
    private RecordFields() {}

    public static void assertSame(Record expected, Record actual) {
        assertEquals(expected.getClass(), actual.getClass());
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            try {
                assertEquals(c.getAccessor().invoke(expected), c.getAccessor().invoke(actual), c.getName());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(expected, actual);
    }
}
