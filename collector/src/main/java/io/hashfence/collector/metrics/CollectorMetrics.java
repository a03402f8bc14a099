package io.hashfence.collector.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;

/**
 * What {@code /metrics} exports, registered in this one place.
 *
 * <p>The collector defines its metrics one way: with the Prometheus Java client ({@code prometheus-metrics} 1.x).
 * Each feature has one owner class, named after what it exports, that builds its counters, gauges and histograms
 * unregistered and is a {@link MultiCollector}; the composition root hands every owner to {@link #register}. Why
 * this API and not Micrometer's meters: the per-alert series ({@code hashfence_alert_info}) are read from the alert
 * book at scrape time (and the per-rig series, written by {@code http.FleetMetrics} for {@code /metrics/rigs}, from
 * the rig registry), which Micrometer
 * cannot do without a meter object per series (and it has no info type); the names in the code are the names
 * exported, so a dashboard's metric is found with grep (Micrometer turns {@code hashfence.ingest.messages} into
 * {@code hashfence_ingest_messages_total}); and an unregistered owner works in tests and command-line tools
 * without a registry.
 *
 * <p>Micrometer stays for one job: its JVM, process and system binders, whose names ({@code jvm_memory_used_bytes},
 * {@code jvm_gc_pause_seconds}, {@code process_cpu_usage}, ...) the dashboards use. They are bound to its
 * {@link PrometheusMeterRegistry}, which is built on the same Prometheus registry and writes the {@code /metrics} exposition.
 */
public final class CollectorMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public CollectorMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Exports each feature's metrics; a name exported twice is refused. */
    public void register(MultiCollector... owners) {
        for (MultiCollector owner : owners) {
            registry.getPrometheusRegistry().register(owner);
        }
    }

    /** Every metric, in the exposition format of the content type (e.g. Prometheus text 0.0.4). */
    public String scrape(String contentType) {
        return registry.scrape(contentType);
    }

    @Override
    public void close() {
        gc.close();
    }
}
