package io.hashfence.collector.http;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@code hashfence_http_requests_refused_total{reason}}; every reason is registered up front, so it shows as 0. */
public final class HttpMetrics implements MultiCollector {
    private final Counter refusals = Counter.builder()
            .name("hashfence_http_requests_refused_total")
            .help("HTTP requests turned away, by reason")
            .labelNames("reason")
            .build();
    private final Map<HttpRefusal, CounterDataPoint> byReason = new EnumMap<>(HttpRefusal.class);

    public HttpMetrics() {
        for (HttpRefusal refusal : HttpRefusal.values()) {
            byReason.put(refusal, refusals.labelValues(refusal.label()));
        }
    }

    void refused(HttpRefusal refusal) {
        byReason.get(refusal).inc();
    }

    @Override
    public MetricSnapshots collect() {
        return new MetricSnapshots(refusals.collect());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(refusals.getPrometheusName());
    }
}
