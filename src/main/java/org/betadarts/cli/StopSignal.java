package org.betadarts.cli;

import java.nio.file.Path;
import org.betadarts.search.StopRequest;
import org.betadarts.search.StoppedOnRequest;
import sun.misc.Signal;

/**
 * SIGUSR1 as a {@link StopRequest}: what a batch scheduler sends a while before a job's time limit
 * ({@code sbatch --signal=B:USR1@SECONDS}), so that a search writes a checkpoint and ends in time to
 * be resumed. The first SIGINT or SIGTERM makes the same request where the command line handles
 * them ({@link Interrupts}). Where SIGUSR1 is unknown (not on Linux or macOS), only those can.
 */
final class StopSignal {
    /** The exit code of a search or training that stopped on request after writing its checkpoint. */
    static final int EXIT_STOPPED = StoppedOnRequest.EXIT_CODE;

    private StopSignal() {}

    /** A request made when this process receives SIGUSR1 (or a first SIGINT or SIGTERM). */
    static StopRequest install() {
        StopRequest stop = new StopRequest();
        try {
            Signal.handle(new Signal("USR1"), signal -> stop.request("SIGUSR1"));
        } catch (IllegalArgumentException e) {
            // unknown here: SIGINT and SIGTERM still ask
        }
        Interrupts.stopsSearch(stop);
        return stop;
    }

    /**
     * Says that {@code command}'s run in {@code root} stopped on request and how to continue it;
     * returns {@link #EXIT_STOPPED}.
     */
    static int stopped(String command, StoppedOnRequest stopped, Path root) {
        System.err.printf("%s: %s: %s; continue with: betadarts %s --resume %s%n", command, stopped.cause(),
                stopped.getMessage(), command, root);
        return EXIT_STOPPED;
    }
}
