package io.hashfence.collector.testing;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads one series from a metrics owner as {@code /metrics} would export it, without a registry or HTTP. */
public final class Samples {
    private Samples() {
    }

    /**
     * The value of a counter or gauge series, e.g. {@code value(metrics, "hashfence_sanctions_reloads_total",
     * "result", "invalid")}; NaN when the owner does not export that series.
     */
    public static double value(MultiCollector owner, String name, String... labelNamesAndValues) {
        String family = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        Labels labels = Labels.of(labelNamesAndValues);
        for (MetricSnapshot snapshot : owner.collect()) {
            if (!snapshot.getMetadata().getPrometheusName().equals(family)) {
                continue;
            }
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                if (point.getLabels().equals(labels)) {
                    if (point instanceof CounterDataPointSnapshot counter) {
                        return counter.getValue();
                    }
                    if (point instanceof GaugeDataPointSnapshot gauge) {
                        return gauge.getValue();
                    }
                }
            }
        }
        return Double.NaN;
    }
}
