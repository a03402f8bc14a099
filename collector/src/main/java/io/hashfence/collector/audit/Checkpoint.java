package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What compaction leaves in place of the records it drops: the sequence number and hash of the last
 * dropped record (so the kept chain stays anchored), the state those records summarise, and an Ed25519
 * signature over all of it by the collector's audit key.
 *
 * @param state what {@link LogReplay} had rebuilt from every record up to {@code throughSeq}
 */
public record Checkpoint(
        long throughSeq, String throughHash, Instant throughTime, Instant createdAt, JsonNode state, String signature) {

    /** The bytes the signature covers. */
    String signedContent() {
        ObjectNode node = AuditJson.object();
        node.put("through_seq", throughSeq);
        node.put("through_hash", throughHash);
        node.put("through_time", throughTime.toString());
        node.put("created_at", createdAt.toString());
        node.set("state", state);
        return AuditJson.write(node);
    }

    String toLine() {
        ObjectNode node = (ObjectNode) readTree(signedContent());
        node.put("signature", signature);
        return AuditJson.write(node);
    }

    static Checkpoint fromLine(String line) {
        JsonNode node = readTree(line);
        return new Checkpoint(
                node.get("through_seq").asLong(),
                node.get("through_hash").asText(),
                Instant.parse(node.get("through_time").asText()),
                Instant.parse(node.get("created_at").asText()),
                node.get("state"),
                node.get("signature").asText());
    }

    private static JsonNode readTree(String json) {
        try {
            return AuditJson.read(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unreadable checkpoint: " + e.getCause().getMessage(), e);
        }
    }
}
