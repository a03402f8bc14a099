package io.hashfence.bench.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The shipped collector jar a benchmark runs, as users run it, and the JVM flags for it (the launcher passes its
 * own): the options {@code --collector-jar} and {@code --collector-jvm-flags}, mixed into each benchmark command.
 */
public final class CollectorJar {
    @Option(names = "--collector-jar", required = true, description = "the shipped hashfence-collector.jar")
    Path jar;

    @Option(
            names = "--collector-jvm-flags",
            defaultValue = "-XX:+UseShenandoahGC -Xms256m -Xmx2g",
            description = "JVM flags for each collector (default: the launcher's: ${DEFAULT-VALUE})")
    String jvmFlags;

    public Path jar() {
        return jar;
    }

    /** The JVM flags as given, for the result file. */
    public String jvmFlags() {
        return jvmFlags;
    }

    /** {@code java FLAGS -jar JAR ARGUMENTS}: the collector started with this JVM's java and the flags. */
    public List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmFlags.trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }
}
