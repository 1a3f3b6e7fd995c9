package org.betadarts.cli;

import org.betadarts.io.CLibrary;
import org.betadarts.search.StopRequest;
import sun.misc.Signal;

/**
 * What SIGINT (Ctrl-C) and SIGTERM (a scheduler's cancel) do to the command line. The JVM's own
 * exit runs the C library's exit handlers, which tear down the engine while the main thread may be
 * inside one of its operations: that thread then crashes and the process ends with a fatal-error
 * report instead of an exit code. So here the first signal during a search, a training or an
 * experiment asks it to stop as SIGUSR1 does (the step under way ends, a checkpoint is written, exit
 * code 75); a second one, or one during any other command, ends the process at once, without exit
 * handlers, with 128 + the signal's number. Nothing is left half-written: result files are written under a temporary name
 * and renamed.
 */
final class Interrupts {
    private static volatile StopRequest search;

    private Interrupts() {}

    /** Handles SIGINT and SIGTERM in this process (where the platform knows them). */
    static void install() {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), Interrupts::received);
            } catch (IllegalArgumentException unknown) {
                // not on this platform: its default action stays
            }
        }
    }

    /** From now on the first SIGINT or SIGTERM asks {@code stop} (a search's or an experiment's), not the process, to end. */
    static void stopsSearch(StopRequest stop) {
        search = stop;
    }

    private static void received(Signal signal) {
        String name = "SIG" + signal.getName();
        StopRequest stop = search;
        if (stop != null && stop != StopRequest.NEVER && !stop.requested()) {
            stop.request(name);
            System.err.printf("%nbetadarts: %s: stopping after the step under way, with a checkpoint "
                    + "(%s again stops at once)%n", name, name);
            return;
        }
        System.err.printf("%nbetadarts: %s: stopped%n", name);
        exitNow(128 + signal.getNumber());
    }

    /** Ends the process with {@code code} without exit handlers (the engine may be mid-operation). */
    static void exitNow(int code) {
        System.out.flush();
        System.err.flush();
        CLibrary.exitNow(code);
    }
}
