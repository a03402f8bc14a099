package io.hashfence.collector.alert;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * {@code hashfence_alert_info}: one series per open alert with its labels, for dashboard tables of
 * violations, relocations and evidence conflicts. Bounded by the number of open alerts, not the fleet.
 */
public final class OpenAlertMetrics implements MultiCollector {
    static final String NAME = "hashfence_alert";

    private final AlertBook alerts;

    public OpenAlertMetrics(AlertBook alerts) {
        this.alerts = alerts;
    }

    @Override
    public MetricSnapshots collect() {
        InfoSnapshot.Builder info = InfoSnapshot.builder().name(NAME)
                .help("Open alerts (pending or firing) with their labels");
        for (Alert alert : alerts.open()) {
            info.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of(
                    "alertname", alert.type().alertName(),
                    "site", alert.rig().site().value(),
                    "rig", alert.rig().rig().value(),
                    "severity", alert.severity().label(),
                    "status", alert.status().label(),
                    "country", alert.country(),
                    "subdivision", alert.subdivision(),
                    "trust", alert.trust())).build());
        }
        return new MetricSnapshots(info.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(NAME);
    }
}
