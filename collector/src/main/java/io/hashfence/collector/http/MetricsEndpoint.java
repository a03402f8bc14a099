package io.hashfence.collector.http;

import io.hashfence.collector.metrics.CollectorMetrics;

/**
 * {@code GET /metrics}: the collector's own meters (ingest, alerts, storage, HTTP, JVM), in Prometheus text format.
 * The per-rig series are at {@link RigMetricsEndpoint}, in shards.
 */
public final class MetricsEndpoint implements Endpoint {
    public static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final CollectorMetrics metrics;

    public MetricsEndpoint(CollectorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Response handle(Request request) {
        return Response.text(CONTENT_TYPE, metrics.scrape(CONTENT_TYPE));
    }
}
