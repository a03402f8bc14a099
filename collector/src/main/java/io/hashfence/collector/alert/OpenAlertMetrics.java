package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Severity;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The open alerts, read from the alert book at scrape time: {@code hashfence_alerts_open{severity}}, the firing
 * alerts counted by severity (every severity shows, 0 included), and {@code hashfence_alert_info}, one series per
 * open alert (pending or firing) with its labels, for dashboard tables of violations, relocations and evidence
 * conflicts. Bounded by the number of open alerts, not the fleet.
 */
public final class OpenAlertMetrics implements MultiCollector {
    static final String OPEN = "hashfence_alerts_open";
    static final String INFO = "hashfence_alert";

    private final AlertBook alerts;

    public OpenAlertMetrics(AlertBook alerts) {
        this.alerts = alerts;
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(open(), info());
    }

    private GaugeSnapshot open() {
        Map<Severity, Integer> firing = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            firing.put(severity, 0);
        }
        for (Alert alert : alerts.firing()) {
            firing.merge(alert.severity(), 1, Integer::sum);
        }
        GaugeSnapshot.Builder open = GaugeSnapshot.builder().name(OPEN).help("Firing alerts, by severity");
        firing.forEach((severity, count) -> open.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("severity", severity.label()))
                .value(count)
                .build()));
        return open.build();
    }

    private InfoSnapshot info() {
        InfoSnapshot.Builder info =
                InfoSnapshot.builder().name(INFO).help("Open alerts (pending or firing) with their labels");
        for (Alert alert : alerts.open()) {
            info.dataPoint(InfoDataPointSnapshot.builder()
                    .labels(Labels.of(
                            "alertname", alert.type().alertName(),
                            "site", alert.rig().site().value(),
                            "rig", alert.rig().rig().value(),
                            "severity", alert.severity().label(),
                            "status", alert.status().label(),
                            "country", alert.country(),
                            "subdivision", alert.subdivision(),
                            "trust", alert.trust()))
                    .build());
        }
        return info.build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(OPEN, INFO);
    }
}
