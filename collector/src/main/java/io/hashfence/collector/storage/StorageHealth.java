package io.hashfence.collector.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the collector's durable files can be written. Their writers report every failed and every
 * successful write here; {@code /healthz} answers 503 naming each file whose last write failed, and
 * {@code hashfence_storage_write_failures_total{file}} counts the failures. Start-up recovery reports the
 * records it had to cut ({@code hashfence_storage_records_cut_total{file}}).
 */
public final class StorageHealth {
    private final MeterRegistry meters;
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    public StorageHealth(MeterRegistry meters) {
        this.meters = meters;
    }

    /** For a file used outside a running collector (tests, tools): tracked, but exported nowhere. */
    public static StorageHealth unexported() {
        return new StorageHealth(new SimpleMeterRegistry());
    }

    /** Registers the write-failure counter for a file at zero, so that it shows before the first failure. */
    public void track(Path file) {
        writeFailures(file);
    }

    /** {@link #track}, and the counter of records start-up recovery cuts from the file. */
    public void trackWithRecovery(Path file) {
        track(file);
        recordsCut(file);
    }

    public void writeFailed(Path file, Exception failure) {
        writeFailures(file).increment();
        failing.put(file.getFileName().toString(), String.valueOf(failure.getMessage()));
    }

    public void writeSucceeded(Path file) {
        if (!failing.isEmpty()) {
            failing.remove(file.getFileName().toString());
        }
    }

    public void cut(Path file, long records) {
        recordsCut(file).increment(records);
    }

    /** Each file whose last write failed, by name, with the failure's message; empty while all is well. */
    public Map<String, String> failing() {
        return new TreeMap<>(failing);
    }

    private Counter writeFailures(Path file) {
        return Counter.builder("hashfence.storage.write.failures").tag("file", file.getFileName().toString())
                .description("writes to a durable file that failed (disk full, I/O error); retried every second")
                .register(meters);
    }

    private Counter recordsCut(Path file) {
        return Counter.builder("hashfence.storage.records.cut").tag("file", file.getFileName().toString())
                .description("records start-up recovery cut from the end of a file (kept as FILE.damaged-MILLIS)")
                .register(meters);
    }
}
