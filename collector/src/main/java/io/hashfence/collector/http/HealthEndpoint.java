package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.storage.StorageHealth;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /healthz}: 200 while the collector serves and can write its durable files, with the size of
 * the fleet it knows; 503 naming each file that cannot be written (disk full, I/O error): while the event
 * log or the sequence journal cannot write, no PUBACK goes out and agents hold their data.
 */
public final class HealthEndpoint implements Endpoint {
    private final RigRegistry registry;
    private final StorageHealth storage;

    public HealthEndpoint(RigRegistry registry, StorageHealth storage) {
        this.registry = registry;
        this.storage = storage;
    }

    @Override
    public Response handle(Request request) {
        Map<String, String> failing = storage.failing();
        if (failing.isEmpty()) {
            return Response.ok(
                    JsonNodeFactory.instance.objectNode().put("status", "ok").put("rigs", registry.size()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "storage_failing");
        body.put("rigs", registry.size());
        body.put(
                "reason",
                "cannot write "
                        + failing.entrySet().stream()
                                .map(file -> file.getKey() + " (" + file.getValue() + ")")
                                .collect(Collectors.joining(", ")));
        body.put("failing", failing);
        return Response.json(HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }
}
