package io.hashfence.collector.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The collector's one JSON mapper, for everything that reads or writes JSON bytes: HTTP answers and request
 * bodies, alert deliveries, reports, the credential store, the rig snapshot. Jackson's defaults: compact output
 * with fields in the order they were put, or indented with {@link #pretty}. The composition root (or a CLI
 * command) makes one and hands it on; JSON trees are built with {@code JsonNodeFactory}, which needs none. The
 * audit files are not written here: hashes and signatures cover their bytes, so they keep a mapper of their own.
 */
public final class CollectorJson {
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final ObjectWriter pretty = mapper.writerWithDefaultPrettyPrinter();

    /** The value (a tree, map or list) as compact JSON. */
    public byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The value as indented JSON, for people and files they may read. */
    public byte[] pretty(Object value) {
        try {
            return pretty.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public String prettyText(Object value) {
        return new String(pretty(value), StandardCharsets.UTF_8);
    }

    public void writePretty(OutputStream out, Object value) throws IOException {
        pretty.writeValue(out, value);
    }

    /** @throws JsonProcessingException if the bytes are not JSON */
    public JsonNode read(byte[] json) throws IOException {
        return mapper.readTree(json);
    }

    /** @throws JsonProcessingException if the text is not JSON */
    public JsonNode read(String json) throws JsonProcessingException {
        return mapper.readTree(json);
    }
}
