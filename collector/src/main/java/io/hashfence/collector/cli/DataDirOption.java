package io.hashfence.collector.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option of the commands that change a collector's files ({@code sites},
 * {@code sanctions import}): the flag, else HASHFENCE_DATA_DIR, else ./data.
 */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "the collector's data directory (default: ./data)")
    Path flag;

    Path resolve() {
        return flag != null ? flag : Path.of(System.getenv().getOrDefault("HASHFENCE_DATA_DIR", "data"));
    }
}
