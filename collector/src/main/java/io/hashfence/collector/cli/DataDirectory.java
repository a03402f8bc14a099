package io.hashfence.collector.cli;

import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The data directory of commands that take {@code --data-dir} and {@code --config}, found as {@code run} finds
 * it: the flag, else HASHFENCE_DATA_DIR, else the config file's {@code data_dir}, else ./data.
 */
final class DataDirectory {
    private DataDirectory() {
    }

    static Path resolve(Path flag) {
        return flag != null ? flag : Path.of(System.getenv().getOrDefault("HASHFENCE_DATA_DIR", "data"));
    }

    static Path resolve(Path flag, Path configFile) throws IOException {
        return flag != null ? flag : settings(configFile).dataDir();
    }

    /** The settings {@code run} would use with this config file and the current environment. */
    static CollectorConfig settings(Path configFile) throws IOException {
        return new ConfigLoader(System.getenv()).load(configFile);
    }
}
