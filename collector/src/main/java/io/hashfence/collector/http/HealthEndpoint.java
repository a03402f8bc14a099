package io.hashfence.collector.http;

import io.hashfence.collector.fleet.RigRegistry;
import java.util.Map;

/** {@code GET /healthz}: answers 200 while the collector serves, with the size of the fleet it knows. */
public final class HealthEndpoint implements Endpoint {
    private final RigRegistry registry;

    public HealthEndpoint(RigRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response handle(Request request) {
        return Response.ok(Map.of("status", "ok", "rigs", registry.size()));
    }
}
