package io.hashfence.collector.storage;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code hashfence_storage_write_failures_total{file}} and {@code hashfence_storage_records_cut_total{file}},
 * labelled with the file's name. A file shows at 0 from when it is tracked.
 */
public final class StorageMetrics implements MultiCollector {
    private final Counter writeFailures = Counter.builder()
            .name("hashfence_storage_write_failures_total")
            .help("writes to a durable file that failed (disk full, I/O error); retried every second")
            .labelNames("file")
            .build();
    private final Counter recordsCut = Counter.builder()
            .name("hashfence_storage_records_cut_total")
            .help("records start-up recovery cut from the end of a file (kept as FILE.damaged-MILLIS)")
            .labelNames("file")
            .build();

    void trackWrites(Path file) {
        writeFailures.initLabelValues(name(file));
    }

    void trackRecovery(Path file) {
        recordsCut.initLabelValues(name(file));
    }

    void writeFailed(Path file) {
        writeFailures.labelValues(name(file)).inc();
    }

    void cut(Path file, long records) {
        recordsCut.labelValues(name(file)).inc(records);
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(writeFailures.collect(), recordsCut.collect());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(writeFailures.getPrometheusName(), recordsCut.getPrometheusName());
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
