package org.betadarts.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory (from /proc/self/status, Linux) and CPU time of this process; -1 where not available. */
public final class ProcessStats {
    private ProcessStats() {}

    /** Peak resident set size (VmHWM) in bytes. */
    public static long peakResidentBytes() {
        return field("VmHWM:");
    }

    /** Current resident set size (VmRSS) in bytes. */
    public static long residentBytes() {
        return field("VmRSS:");
    }

    /** CPU time used so far by all threads of the process, in nanoseconds. */
    public static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
