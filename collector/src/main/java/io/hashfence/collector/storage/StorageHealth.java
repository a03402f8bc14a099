package io.hashfence.collector.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the collector's durable files can be written. Their writers report every failed and every
 * successful write here; {@code /healthz} answers 503 naming each file whose last write failed, and
 * {@link StorageMetrics} counts the failures. Start-up recovery reports the records it had to cut.
 */
public final class StorageHealth {
    private final StorageMetrics metrics;
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    public StorageHealth(StorageMetrics metrics) {
        this.metrics = metrics;
    }

    /** For a file used outside a running collector (tests, tools): tracked, but exported nowhere. */
    public static StorageHealth unexported() {
        return new StorageHealth(new StorageMetrics());
    }

    /** Registers the write-failure counter for a file at zero, so that it shows before the first failure. */
    public void track(Path file) {
        metrics.trackWrites(file);
    }

    /** {@link #track}, and the counter of records start-up recovery cuts from the file. */
    public void trackWithRecovery(Path file) {
        track(file);
        metrics.trackRecovery(file);
    }

    public void writeFailed(Path file, Exception failure) {
        metrics.writeFailed(file);
        failing.put(file.getFileName().toString(), String.valueOf(failure.getMessage()));
    }

    public void writeSucceeded(Path file) {
        if (!failing.isEmpty()) {
            failing.remove(file.getFileName().toString());
        }
    }

    public void cut(Path file, long records) {
        metrics.cut(file, records);
    }

    /** Each file whose last write failed, by name, with the failure's message; empty while all is well. */
    public Map<String, String> failing() {
        return new TreeMap<>(failing);
    }
}
