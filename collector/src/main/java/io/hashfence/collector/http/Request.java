package io.hashfence.collector.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A routed request: the path parameters the route matched, and the query string. */
public record Request(
        HttpMethod method,
        String path,
        Map<String, String> pathParameters,
        Map<String, List<String>> query,
        byte[] body) {

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
