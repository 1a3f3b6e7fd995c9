package org.betadarts.cli;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** The options given on a command line, by the name of the field that holds each, for a settings record. */
final class Overrides {
    private Overrides() {}

    /** Every matched option except those whose field is named in {@code notSettings}. */
    static Map<String, Object> of(CommandLine.Model.CommandSpec spec, Collection<String> notSettings) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (CommandLine.Model.OptionSpec opt : spec.commandLine().getParseResult().matchedOptions()) {
            if (opt.userObject() instanceof Field f && !notSettings.contains(f.getName())) {
                o.put(f.getName(), opt.getValue());
            }
        }
        return o;
    }
}
