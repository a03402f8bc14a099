package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

/** The collector's {@code sites add}, run from the shipped jar as an operator runs it. */
final class CollectorSites {
    private CollectorSites() {}

    /** Adds the site to the data directory and returns its token, which the command prints once, last. */
    static String add(Path workDir, Path dataDir, String site) throws Exception {
        JarProcess add = JarProcess.start(
                JarProcess.collectorJar(), workDir, Map.of(), "sites", "add", site, "--data-dir", dataDir.toString());
        assertThat(add.waitFor()).as(add.stderr()).isZero();
        String[] lines = add.stdout().strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
