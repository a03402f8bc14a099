package io.hashfence.collector.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A routed request: the path parameters the route matched, the query string, and the {@code Host} header (null when
 * the client sent none).
 */
public record Request(
        HttpMethod method,
        String path,
        Map<String, String> pathParameters,
        Map<String, List<String>> query,
        byte[] body,
        String hostHeader) {

    /** A request without a {@code Host} header. */
    public Request(
            HttpMethod method,
            String path,
            Map<String, String> pathParameters,
            Map<String, List<String>> query,
            byte[] body) {
        this(method, path, pathParameters, query, body, null);
    }

    /** The address the client asked at, as its {@code Host} header gives it (host and port). */
    public Optional<String> host() {
        return hostHeader == null || hostHeader.isBlank() ? Optional.empty() : Optional.of(hostHeader.strip());
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
