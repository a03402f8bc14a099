package io.hashfence.collector.cli;

import io.hashfence.collector.config.ConfigLoader;
import io.hashfence.collector.config.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} and {@code --config} options of the commands that read what a collector wrote
 * ({@code verify}, {@code report}), found as {@code run} finds it: the flag, else HASHFENCE_DATA_DIR, else the
 * config file's {@code data_dir}, else ./data. With {@code --config} naming a {@code store.url} (or
 * HASHFENCE_STORE_URL set), they read every collector's event log from the shared store as well.
 */
final class DataDirFromConfigOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "the collector's data directory "
                    + "(default: $HASHFENCE_DATA_DIR, else data_dir from --config, else ./data)")
    Path flag;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "the collector's YAML config file, for its data_dir and store (with store.url: every "
                    + "collector's event log in the shared store)")
    Path configFile;

    Path resolve() throws IOException {
        return flag != null
                ? flag
                : new ConfigLoader(System.getenv()).load(configFile).dataDir();
    }

    /** The shared store the config file (or HASHFENCE_STORE_URL) names, if any. */
    Optional<StoreConfig> sharedStore() throws IOException {
        StoreConfig store = new ConfigLoader(System.getenv()).load(configFile).store();
        return store.shared() ? Optional.of(store) : Optional.empty();
    }
}
