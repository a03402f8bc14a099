package io.hashfence.bench.ingest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Which collector a scenario starts, and with which JVM flags: the launcher passes its own. */
final class CollectorOptions {
    @Option(names = "--collector-jar", required = true, description = "the shipped hashfence-collector.jar")
    Path jar;

    @Option(
            names = "--collector-jvm-flags",
            defaultValue = "-XX:+UseShenandoahGC -Xms256m -Xmx2g",
            description = "JVM flags for the collector (default: the launcher's: ${DEFAULT-VALUE})")
    String jvmFlags;

    List<String> jvmFlagList() {
        return Arrays.asList(jvmFlags.trim().split("\\s+"));
    }
}
