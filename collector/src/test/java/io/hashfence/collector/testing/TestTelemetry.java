package io.hashfence.collector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.protocol.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Telemetry payloads for tests, made from the protocol's shipped example so that both sides agree. */
public final class TestTelemetry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTelemetry() {}

    /** The full Antminer example, moved to this site and rig, stamped now. */
    public static ObjectNode message(String site, String rig, long seq) {
        try {
            ObjectNode message = (ObjectNode) JSON.readTree(Examples.bytes(Examples.ANTMINER_S19));
            message.put("site", site)
                    .put("rig", rig)
                    .put("seq", seq)
                    .put("time", Instant.now().toString());
            return message;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example, declared (static) at this position with a fix time of now. */
    public static ObjectNode at(String site, String rig, long seq, double lat, double lon) {
        ObjectNode message = message(site, rig, seq);
        ((ObjectNode) message.get("location"))
                .put("lat", lat)
                .put("lon", lon)
                .put("fix_time", Instant.now().toString());
        return message;
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
