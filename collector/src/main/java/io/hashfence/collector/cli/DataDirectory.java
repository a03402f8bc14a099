package io.hashfence.collector.cli;

import java.nio.file.Path;

/** The data directory of commands that take {@code --data-dir}: the flag, else HASHFENCE_DATA_DIR, else ./data. */
final class DataDirectory {
    private DataDirectory() {
    }

    static Path resolve(Path flag) {
        return flag != null ? flag : Path.of(System.getenv().getOrDefault("HASHFENCE_DATA_DIR", "data"));
    }
}
