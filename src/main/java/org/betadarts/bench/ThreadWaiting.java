package org.betadarts.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.betadarts.nn.NativeSettings;

/**
 * How the engine's OpenMP threads wait between parallel regions: the variables GNU OpenMP read when
 * the engine loaded (they cannot change afterwards), as the process was started or as the library
 * set them ({@link NativeSettings}).
 */
final class ThreadWaiting {
    private static final String[] VARIABLES = {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT"};

    private ThreadWaiting() {}

    /** Each variable with its value, "(unset)" where the process did not get it. */
    static Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : VARIABLES) {
            String value = NativeSettings.get(v);
            m.put(v, value == null ? "(unset)" : value);
        }
        return m;
    }

    /** One line, for example {@code OMP_WAIT_POLICY=PASSIVE}, or "OpenMP defaults". */
    static String describe() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : environment().entrySet()) {
            if (!e.getValue().equals("(unset)")) {
                b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.length() == 0 ? "OpenMP defaults" : b.toString();
    }
}
