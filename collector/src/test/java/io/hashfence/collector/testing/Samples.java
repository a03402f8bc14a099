package io.hashfence.collector.testing;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Reads one series from a metrics owner as {@code /metrics} would export it, without a registry or HTTP. */
public final class Samples {
    private Samples() {}

    /**
     * The value of a counter, gauge or info series (an info series is 1), by its exported name and all its labels,
     * e.g. {@code value(metrics, "hashfence_sanctions_reloads_total", "result", "invalid")}; NaN when the owner
     * does not export that series.
     */
    public static double value(MultiCollector owner, String name, String... labelNamesAndValues) {
        Labels labels = Labels.of(labelNamesAndValues);
        for (MetricSnapshot snapshot : owner.collect()) {
            if (!exportedName(snapshot).equals(name)) {
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
                    if (point instanceof InfoDataPointSnapshot) {
                        return 1;
                    }
                }
            }
        }
        return Double.NaN;
    }

    private static String exportedName(MetricSnapshot snapshot) {
        String name = snapshot.getMetadata().getPrometheusName();
        if (snapshot instanceof CounterSnapshot) {
            return name + "_total";
        }
        return snapshot instanceof InfoSnapshot ? name + "_info" : name;
    }
}
