package org.betadarts.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of settings records with some fields replaced by name, the way presets take command-line options. */
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
}
