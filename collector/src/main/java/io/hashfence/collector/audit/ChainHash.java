package io.hashfence.collector.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The on-disk form of a record and its hash. A line is {@code HASH JSON}: the hex SHA-256 of the JSON's
 * exact UTF-8 bytes, a space, then the JSON with fields in a fixed order (seq, time, type, site, rig,
 * data, prev). Anyone can check a line with standard tools: {@code cut -d' ' -f2- | tr -d '\n' | sha256sum}.
 */
final class ChainHash {
    static final String GENESIS = "0".repeat(64);
    static final ObjectMapper JSON = new ObjectMapper();

    private ChainHash() {
    }

    static String canonicalJson(long seq, Instant time, EventType type, String site, String rig, JsonNode data,
                                String prev) {
        ObjectNode node = JSON.createObjectNode();
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
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
