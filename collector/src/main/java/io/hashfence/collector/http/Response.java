package io.hashfence.collector.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hashfence.collector.json.CollectorJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an endpoint answers, before it is framed as HTTP: ready bytes, a JSON value (a tree, map or list) that the
 * server writes with its mapper, or text that the server has written into buffers of its channel's allocator when it
 * sends the answer.
 */
public record Response(HttpResponseStatus status, String contentType, Body body) {
    public static final String JSON = "application/json; charset=utf-8";

    /** The content of an answer. */
    public sealed interface Body permits Bytes, JsonValue, Pieces {
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

    /**
     * Content written when the answer is sent, in the coding the client takes, and sent in the order of the list
     * (the server owns and releases them): a large text goes out without being joined into one array.
     */
    public record Pieces(PiecesWriter writer) implements Body {
        /** The plain text written into heap buffers of its own and copied out, for a caller that wants the bytes. */
        @Override
        public byte[] bytes(CollectorJson json) {
            List<ByteBuf> pieces = writer.write(UnpooledByteBufAllocator.DEFAULT, ContentCoding.IDENTITY);
            try {
                int size = 0;
                for (ByteBuf piece : pieces) {
                    size += piece.readableBytes();
                }
                byte[] bytes = new byte[size];
                int at = 0;
                for (ByteBuf piece : pieces) {
                    int length = piece.readableBytes();
                    piece.getBytes(piece.readerIndex(), bytes, at, length);
                    at += length;
                }
                return bytes;
            } finally {
                pieces.forEach(ByteBuf::release);
            }
        }
    }

    /** Writes a body in pieces when its answer is sent. */
    @FunctionalInterface
    public interface PiecesWriter {
        /**
         * The body coded as {@code coding}, in pieces sent in order; plain text in buffers from {@code allocator}.
         */
        List<ByteBuf> write(ByteBufAllocator allocator, ContentCoding coding);
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

    public static Response pieces(String contentType, PiecesWriter writer) {
        return new Response(HttpResponseStatus.OK, contentType, new Pieces(writer));
    }
}
