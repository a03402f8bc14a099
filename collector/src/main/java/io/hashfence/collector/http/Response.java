package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hashfence.collector.json.CollectorJson;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * What an endpoint answers, before it is framed as HTTP: ready bytes, or a JSON value (a tree, map or list) that
 * the server writes with its mapper.
 */
public record Response(HttpResponseStatus status, String contentType, Body body) {
    public static final String JSON = "application/json; charset=utf-8";

    /** The content of an answer. */
    public sealed interface Body permits Bytes, JsonValue {
        byte[] bytes(CollectorJson json);
    }

    /** Content already in bytes. */
    public record Bytes(byte[] content) implements Body {
        @Override
        public byte[] bytes(CollectorJson json) {
            return content;
        }
    }

    /** A JSON value, written when the answer is sent. */
    public record JsonValue(Object value) implements Body {
        @Override
        public byte[] bytes(CollectorJson json) {
            return json.bytes(value);
        }
    }

    /** The body's bytes, JSON written with {@code json}. */
    public byte[] bytes(CollectorJson json) {
        return body.bytes(json);
    }

    public static Response json(HttpResponseStatus status, Object value) {
        return new Response(status, JSON, new JsonValue(value));
    }

    public static Response ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** An error as {@code {"error": "...", "status": N}}, in that order, saying what was wrong. */
    public static Response error(HttpResponseStatus status, String message) {
        return json(
                status,
                JsonNodeFactory.instance.objectNode().put("error", message).put("status", status.code()));
    }

    public static Response text(String contentType, String body) {
        return bytes(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response bytes(String contentType, byte[] body) {
        return new Response(HttpResponseStatus.OK, contentType, new Bytes(body));
    }
}
