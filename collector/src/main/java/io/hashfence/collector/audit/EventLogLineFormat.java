package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The on-disk form of an event-log record and its hash, written and read only here. A line is {@code HASH JSON}:
 * the hex SHA-256 of the JSON's exact UTF-8 bytes, a space, then the JSON with fields in a fixed order (seq, time,
 * type, site, rig, data, prev). Anyone can check a line with standard tools:
 * {@code cut -d' ' -f2- | tr -d '\n' | sha256sum}.
 */
final class EventLogLineFormat {
    static final int HASH_LENGTH = 64;
    static final String GENESIS = "0".repeat(HASH_LENGTH);

    private EventLogLineFormat() {}

    /** A line as written (without its newline) and the hash it carries, which the next record links to. */
    record Encoded(String hash, String line) {}

    /** Why a line is not a record, and whether a write cut short could explain it (only then may it be cut off). */
    static final class Malformed extends Exception {
        private final boolean tornLike;

        Malformed(String reason, boolean tornLike) {
            super(reason, null, false, false);
            this.tornLike = tornLike;
        }

        boolean tornLike() {
            return tornLike;
        }
    }

    static Encoded encode(long seq, Instant time, EventType type, String site, String rig, JsonNode data, String prev) {
        ObjectNode node = AuditJson.object();
        node.put("seq", seq);
        node.put("time", time.toString());
        node.put("type", type.label());
        if (site != null) {
            node.put("site", site);
        }
        if (rig != null) {
            node.put("rig", rig);
        }
        node.set("data", data);
        node.put("prev", prev);
        String text = AuditJson.write(node);
        String hash = sha256(text);
        return new Encoded(hash, hash + ' ' + text);
    }

    /** Splits a line (without its newline) into hash and JSON; neither is checked yet. */
    static Line decode(String text) throws Malformed {
        if (text.indexOf(' ') != HASH_LENGTH) {
            throw new Malformed("not of the form HASH JSON", true);
        }
        return new Line(text.substring(0, HASH_LENGTH), text.substring(HASH_LENGTH + 1));
    }

    /** A line split in two: the hash it carries and its JSON text. */
    record Line(String hash, String text) {
        /** Whether the JSON's bytes still hash to the hash the line carries. */
        boolean hashMatches() {
            return sha256(text).equals(hash);
        }

        Fields fields() throws Malformed {
            try {
                return new Fields(hash, AuditJson.read(text));
            } catch (IllegalArgumentException e) {
                throw new Malformed("not valid JSON", true);
            }
        }
    }

    /** A record's fields, parsed but not yet checked against the chain. */
    record Fields(String hash, JsonNode node) {
        /** The sequence number, or -1 when the record has none. */
        long seq() {
            return node.path("seq").asLong(-1);
        }

        String seqText() {
            return node.path("seq").asText();
        }

        String prev() {
            return node.path("prev").asText();
        }

        /** The record as an event, once its type and time are readable. */
        AuditEvent event() throws Malformed {
            Optional<EventType> type = EventType.fromLabel(node.path("type").asText());
            if (type.isEmpty()) {
                throw new Malformed("unknown event type " + node.path("type").asText(), false);
            }
            Instant time;
            try {
                time = Instant.parse(node.path("time").asText());
            } catch (DateTimeParseException e) {
                throw new Malformed("unreadable time", false);
            }
            return new AuditEvent(seq(), time, type.get(), text("site"), text("rig"), node.get("data"), prev(), hash);
        }

        private String text(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    static String sha256(String json) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
