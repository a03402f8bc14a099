package io.hashfence.collector.cli;

import io.hashfence.collector.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} and {@code --config} options of the commands that read what a collector wrote
 * ({@code verify}, {@code report}), found as {@code run} finds it: the flag, else HASHFENCE_DATA_DIR, else the
 * config file's {@code data_dir}, else ./data.
 */
final class DataDirFromConfigOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "the collector's data directory "
                    + "(default: $HASHFENCE_DATA_DIR, else data_dir from --config, else ./data)")
    Path flag;

    @Option(names = "--config", paramLabel = "FILE", description = "the collector's YAML config file, for its data_dir")
    Path configFile;

    Path resolve() throws IOException {
        return flag != null
                ? flag
                : new ConfigLoader(System.getenv()).load(configFile).dataDir();
    }
}
