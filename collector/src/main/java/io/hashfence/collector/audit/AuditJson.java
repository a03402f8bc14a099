package io.hashfence.collector.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of the audit files (event log, checkpoints, witness log). Hashes and signatures cover its exact bytes,
 * so it has a mapper of its own with Jackson's defaults (compact, fields in insertion order) that no other
 * output's settings can change.
 */
final class AuditJson {
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private AuditJson() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static String write(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit JSON", e);
        }
    }

    /** @throws IllegalArgumentException if the text is not JSON */
    static JsonNode read(String text) {
        try {
            return CANONICAL.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
