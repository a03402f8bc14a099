package io.hashfence.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an endpoint answers, before it is framed as HTTP. */
public record Response(HttpResponseStatus status, String contentType, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";
    static final ObjectMapper MAPPER = new ObjectMapper();

    public static Response json(HttpResponseStatus status, Object value) {
        try {
            return new Response(status, JSON, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON response", e);
        }
    }

    public static Response ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** An error as {@code {"error": "...", "status": N}}, saying what was wrong. */
    public static Response error(HttpResponseStatus status, String message) {
        return json(status, Map.of("error", message, "status", status.code()));
    }

    public static Response text(String contentType, String body) {
        return new Response(HttpResponseStatus.OK, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
