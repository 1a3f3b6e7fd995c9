package org.betadarts.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.betadarts.io.UserError;
import org.betadarts.space.SearchSpace;

/** The search methods by name, with the settings each changes in a preset. */
public final class SearchMethods {
    /** What a method needs from the search's settings. */
    public record Settings(long seed, double tauMax, double tauMin) {}

    @FunctionalInterface
    private interface Factory {
        SearchMethod create(SearchSpace space, Settings settings);
    }

    private record Entry(Function<String, Map<String, Object>> presetOverrides, Factory make) {}

    private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put(Darts.NAME, new Entry(preset -> Map.of(), (space, s) -> new Darts()));
        TABLE.put(Gdas.NAME, new Entry(preset -> Map.of(),
                (space, s) -> new Gdas(space.alphas(), s.tauMax(), s.tauMin(), s.seed())));
        TABLE.put(PcDarts.NAME, new Entry(PcDarts::presetOverrides,
                (space, s) -> new PcDarts(space.alphas(), space.edgesPerNode())));
    }

    /** The method of a search that names none: DARTS. */
    public static final String DEFAULT = Darts.NAME;

    private SearchMethods() {}

    /** The {@link #DEFAULT} method, which needs no settings. */
    public static SearchMethod byDefault() {
        return new Darts();
    }

    public static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }

    /** Refuses an unknown name. */
    public static void check(String name) {
        entry(name);
    }

    /** The settings of a named preset that the method changes, by {@code SearchConfig} field name. */
    public static Map<String, Object> presetOverrides(String name, String preset) {
        return entry(name).presetOverrides().apply(preset);
    }

    public static SearchMethod create(String name, SearchSpace space, Settings settings) {
        return entry(name).make().create(space, settings);
    }

    private static Entry entry(String name) {
        Entry e = TABLE.get(name);
        if (e == null) {
            throw new UserError("unknown search method '" + name + "': expected one of " + names());
        }
        return e;
    }
}
