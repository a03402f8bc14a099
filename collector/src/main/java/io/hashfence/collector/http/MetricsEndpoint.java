package io.hashfence.collector.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: the collector's own meters and the per-rig fleet metrics, in Prometheus text format. */
public final class MetricsEndpoint implements Endpoint {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response handle(Request request) {
        return Response.text(CONTENT_TYPE, registry.scrape(CONTENT_TYPE));
    }
}
