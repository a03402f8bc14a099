package io.hashfence.collector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import io.hashfence.protocol.Examples;

/** Telemetry payloads for tests, made from the protocol's shipped example so that both sides agree. */
public final class TestTelemetry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTelemetry() {
    }

    /** The full Antminer example, moved to this site and rig, stamped now. */
    public static ObjectNode message(String site, String rig, long seq) {
        try {
            ObjectNode message = (ObjectNode) JSON.readTree(Examples.bytes(Examples.ANTMINER_S19));
            message.put("site", site).put("rig", rig).put("seq", seq).put("time", Instant.now().toString());
            return message;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(ObjectNode message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String topic(String site, String rig) {
        return "hashfence/v1/" + site + "/" + rig + "/telemetry";
    }
}
