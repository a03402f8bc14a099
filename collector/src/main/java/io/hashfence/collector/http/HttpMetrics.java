package io.hashfence.collector.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** {@code hashfence_http_requests_refused_total{reason}}; every reason is registered up front, so it shows as 0. */
public final class HttpMetrics {
    private final Map<HttpRefusal, Counter> refusals = new EnumMap<>(HttpRefusal.class);

    public HttpMetrics(MeterRegistry registry) {
        for (HttpRefusal refusal : HttpRefusal.values()) {
            refusals.put(refusal, Counter.builder("hashfence.http.requests.refused")
                    .description("HTTP requests turned away before an endpoint saw them, by reason")
                    .tag("reason", refusal.label()).register(registry));
        }
    }

    void refused(HttpRefusal refusal) {
        refusals.get(refusal).increment();
    }
}
