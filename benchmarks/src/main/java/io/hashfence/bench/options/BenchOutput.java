package io.hashfence.bench.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a benchmark command works and writes its JSON result: the options {@code --work-dir} and {@code --result},
 * {@code target/bench/NAME} and {@code target/bench/NAME.json} for the command named NAME unless given.
 */
public final class BenchOutput {
    @Option(
            names = "--work-dir",
            defaultValue = "target/bench/${COMMAND-NAME}",
            description = "scratch directory (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(
            names = "--result",
            defaultValue = "target/bench/${COMMAND-NAME}.json",
            description = "the JSON result (default: ${DEFAULT-VALUE})")
    Path resultFile;

    public Path workDir() {
        return workDir;
    }

    public Path resultFile() {
        return resultFile;
    }
}
