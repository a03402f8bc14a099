package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code hashfence_alerts_open{severity}}: firing alerts, counted at scrape time. */
public final class AlertMetrics {
    private AlertMetrics() {
    }

    public static void bind(AlertBook alerts, MeterRegistry meters) {
        for (Severity severity : Severity.values()) {
            Gauge.builder("hashfence.alerts.open", alerts,
                            book -> book.firing().stream().filter(a -> a.severity() == severity).count())
                    .description("Firing alerts, by severity")
                    .tag("severity", severity.label())
                    .register(meters);
        }
    }
}
