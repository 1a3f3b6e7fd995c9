package org.betadarts.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts another JVM like this one: same java, JVM options, DJL properties and class path. */
final class JavaCommand {
    private JavaCommand() {}

    /** {@code java [options] -cp CLASSPATH}, to which the caller adds a main class and its arguments. */
    static List<String> likeThisOne() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("ai.djl."))
                .forEach(p -> command.add("-D" + p + "=" + System.getProperty(p)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }
}
