package io.hashfence.collector.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * {@code hashfence_policy_reloads_total{result}} or {@code hashfence_sanctions_reloads_total{result}}: the loads
 * of a file the collector watches and re-reads, {@code loaded} or {@code invalid} (refused, the last good one
 * stays in force). Both results show from the start.
 */
public final class ReloadMetrics implements MultiCollector {
    private final Counter loads;

    private ReloadMetrics(String name, String help) {
        loads = Counter.builder().name(name).help(help).labelNames("result").build();
        loads.initLabelValues("invalid");
        loads.initLabelValues("loaded");
    }

    public static ReloadMetrics policy() {
        return new ReloadMetrics("hashfence_policy_reloads_total", "Policy loads, by result");
    }

    public static ReloadMetrics sanctions() {
        return new ReloadMetrics("hashfence_sanctions_reloads_total", "Sanctions list loads, by result");
    }

    public void loaded() {
        loads.labelValues("loaded").inc();
    }

    public void invalid() {
        loads.labelValues("invalid").inc();
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(loads.collect());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(loads.getPrometheusName());
    }
}
