package org.betadarts.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings records written by name: a whole record from named values ({@link #of}), the way presets are
 * written, and copies with some fields replaced by name ({@link #with}), the way presets take
 * command-line options.
 */
public final class Records {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Records() {}

    /**
     * A copy of {@code record} with the named fields replaced; values are converted to the field types
     * (an Integer for a long field, say).
     *
     * @throws IllegalArgumentException if a name is not a field of the record
     */
    @SuppressWarnings("unchecked")
    public static <T extends Record> T with(T record, Map<String, ?> overrides) {
        Map<String, Object> fields = new LinkedHashMap<>(MAPPER.convertValue(record, Map.class));
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            if (!fields.containsKey(e.getKey())) {
                throw new IllegalArgumentException("no " + record.getClass().getSimpleName() + " setting named "
                        + e.getKey());
            }
            fields.put(e.getKey(), e.getValue());
        }
        return (T) MAPPER.convertValue(fields, record.getClass());
    }

    /** One named value of a record; {@code value} may be null. */
    public record Field(String name, Object value) {}

    /** The value {@code value} for the field {@code name}, for {@link #of}. */
    public static Field field(String name, Object value) {
        return new Field(name, value);
    }

    /**
     * The record of type {@code type} with the given field values, converted to the field types as
     * {@link #with} converts them.
     *
     * @throws IllegalArgumentException unless every field of the record is given exactly once and
     *     nothing else is given
     */
    public static <T extends Record> T of(Class<T> type, Field... fields) {
        List<String> names = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : fields) {
            if (!names.contains(f.name())) {
                throw new IllegalArgumentException("no " + type.getSimpleName() + " setting named " + f.name());
            }
            if (values.containsKey(f.name())) {
                throw new IllegalArgumentException(type.getSimpleName() + " setting " + f.name() + " is given twice");
            }
            values.put(f.name(), f.value());
        }
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(type.getSimpleName() + " settings not given: " + missing);
        }
        return MAPPER.convertValue(values, type);
    }
}
