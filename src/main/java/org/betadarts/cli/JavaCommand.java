package org.betadarts.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts another JVM like this one: same java, JVM options, DJL properties and class path. */
final class JavaCommand {
    private JavaCommand() {}

    /**
     * This process's java executable with its JVM options (debugger and agent options left out) and
     * the engine's system properties ({@code ai.djl.*}); the class path and class follow.
     */
    static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("ai.djl.")).sorted()
                .map(p -> "-D" + p + "=" + System.getProperty(p)).filter(d -> !command.contains(d)).forEach(command::add);
        return command;
    }

    /** {@link #java()} and {@code -cp CLASSPATH}, to which the caller adds a main class and its arguments. */
    static List<String> likeThisOne() {
        List<String> command = java();
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }
}
