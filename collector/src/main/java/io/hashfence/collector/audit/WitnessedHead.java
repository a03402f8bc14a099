package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One line of the witness log: the event log's head (record number and hash) at a time, signed with the
 * collector's Ed25519 audit key.
 */
public record WitnessedHead(long seq, String hash, Instant time, String signature) {

    /** The bytes the signature covers. */
    String signedContent() {
        ObjectNode node = AuditJson.object();
        node.put("seq", seq);
        node.put("hash", hash);
        node.put("time", time.toString());
        return AuditJson.write(node);
    }

    String toLine() {
        ObjectNode node = (ObjectNode) AuditJson.read(signedContent());
        node.put("signature", signature);
        return AuditJson.write(node);
    }

    static WitnessedHead fromLine(String line) {
        JsonNode node = AuditJson.read(line);
        if (!node.path("seq").canConvertToLong()
                || !node.path("hash").isTextual()
                || !node.path("time").isTextual()
                || !node.path("signature").isTextual()) {
            throw new IllegalArgumentException("a witness line needs seq, hash, time and signature");
        }
        try {
            return new WitnessedHead(
                    node.get("seq").asLong(),
                    node.get("hash").asText(),
                    Instant.parse(node.get("time").asText()),
                    node.get("signature").asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable time in a witness line: " + e.getMessage(), e);
        }
    }
}
