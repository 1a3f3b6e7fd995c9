package org.betadarts.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.betadarts.io.CLibrary;

/**
 * The engine's native settings that the library chooses where the process has not: before libtorch
 * loads, each variable of {@link #DEFAULTS} that is unset is put into the process environment (the C
 * library's, which libtorch and GNU OpenMP read when they load; Java's own copy of the environment
 * does not change), so that a Java program using the library runs as the {@code betadarts} launcher
 * does. Set a variable yourself to choose otherwise ({@code THP_MEM_ALLOC_ENABLE=0},
 * {@code OMP_WAIT_POLICY=ACTIVE}). Where the C library cannot be reached (not Linux or macOS),
 * nothing is set.
 */
public final class NativeSettings {
    /**
     * THP_MEM_ALLOC_ENABLE=1: tensors aligned to pages, which lets glibc merge freed activations again
     * (the peak of a DARTS step far lower: README, Memory). OMP_WAIT_POLICY=PASSIVE: threads waiting
     * between parallel operators sleep instead of spinning, which on a busy machine made steps many
     * times slower (README: Thread waiting).
     */
    public static final Map<String, String> DEFAULTS = defaults();

    private NativeSettings() {}

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("THP_MEM_ALLOC_ENABLE", "1");
        m.put("OMP_WAIT_POLICY", "PASSIVE");
        return m;
    }

    /**
     * Sets the unset {@link #DEFAULTS}; {@link Devices} calls it once, when it is initialized, before the
     * engine loads. After the engine has loaded it changes nothing that the engine reads.
     */
    static void apply() {
        DEFAULTS.forEach(CLibrary::setenvIfUnset);
    }

    /** A variable as native code sees it (after {@link #apply}, which Java's {@code System.getenv} does not see), or null. */
    public static String get(String name) {
        return CLibrary.getenv(name);
    }
}
