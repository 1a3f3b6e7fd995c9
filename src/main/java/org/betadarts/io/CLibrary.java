package org.betadarts.io;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * What the C library of this process offers that the JVM does not: its environment, which native code
 * reads (Java's {@code System.getenv} is a copy taken at start), and an exit without exit handlers.
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
    }

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
