package org.betadarts.io;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * What the C library of this process offers that the JVM does not: its environment, which native code
 * reads (Java's {@code System.getenv} is a copy taken at start), its allocator's settings, and an exit
 * without exit handlers.
 * Reached through JNA once; where it cannot be (not Linux or macOS), each call falls back as it says.
 */
public final class CLibrary {
    private static final Binding C = load();

    private CLibrary() {}

    /** The C functions used here. */
    interface Binding extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);

        void _exit(int status);

        int mallopt(int param, int value);
    }

    /** glibc's mallopt parameters. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;

    private static Binding load() {
        try {
            return Native.load("c", Binding.class);
        } catch (Throwable noLibrary) {
            return null;
        }
    }

    /** Sets {@code name} to {@code value} in the native environment unless it has a value; nothing without the C library. */
    public static void setenvIfUnset(String name, String value) {
        try {
            if (C != null) {
                C.setenv(name, value, 0);
            }
        } catch (Throwable noFunction) {
            // the engine then runs with its own default
        }
    }

    /** {@code name} in the native environment, or null; without the C library, Java's copy of the environment. */
    public static String getenv(String name) {
        try {
            if (C != null) {
                return C.getenv(name);
            }
        } catch (Throwable noFunction) {
            // as without the C library
        }
        return System.getenv(name);
    }

    /**
     * Makes glibc's allocator keep the memory that native code frees for its next allocations, for the
     * rest of the process: blocks up to 32 MB come from the heap instead of their own mappings, and
     * the heap is not returned to the system while less than 1 GB of it is free. Otherwise an
     * allocation after a free of the same size can get fresh pages from the system, which it must
     * fault in (and with transparent huge pages, clear 2 MB at a time) before use.
     *
     * @return whether the C library took both settings (false where it is not glibc's)
     */
    public static boolean keepFreedMemory() {
        try {
            return C != null && C.mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1 && C.mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1;
        } catch (Throwable noFunction) {
            return false;
        }
    }

    /** Ends the process with {@code code} at once, without exit handlers ({@code Runtime.halt} without the C library). */
    public static void exitNow(int code) {
        try {
            if (C != null) {
                C._exit(code);
            }
        } catch (Throwable noFunction) {
            // halted below
        }
        Runtime.getRuntime().halt(code);
    }
}
