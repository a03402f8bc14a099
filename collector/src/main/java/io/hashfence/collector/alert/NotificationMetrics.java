package io.hashfence.collector.alert;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/** {@code hashfence_alert_notifications_total{sink,outcome}}: what became of each notification, per sink. */
public final class NotificationMetrics implements MultiCollector {
    /** The {@code outcome} label. */
    enum Outcome {
        SENT("sent"),
        FAILED("failed"),
        DROPPED("dropped"),
        RATE_LIMITED("rate_limited");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    private final Counter notifications = Counter.builder()
            .name("hashfence_alert_notifications_total")
            .help("Alert notifications, by sink and outcome")
            .labelNames("sink", "outcome")
            .build();

    /** One sink's counter of one outcome; every outcome of a sink shows as 0 once the first is asked for. */
    CounterDataPoint counter(String sink, Outcome outcome) {
        for (Outcome each : Outcome.values()) {
            notifications.initLabelValues(sink, each.label);
        }
        return notifications.labelValues(sink, outcome.label);
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(notifications.collect());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(notifications.getPrometheusName());
    }
}
