package io.hashfence.collector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.Examples;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.Miner;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.PowerReading;
import io.hashfence.protocol.PowerSource;
import io.hashfence.protocol.Telemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Telemetry for tests: payloads made from the protocol's shipped example so that both sides agree. */
public final class TestTelemetry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTelemetry() {}

    /**
     * Telemetry as the decoder hands it on: an Antminer S19 mining at 100 TH/s on 3,250 W, no sensors, fans or
     * pools, reporting every 10 s from this location.
     */
    public static Telemetry decoded(RigKey rig, Instant time, long seq, Location location) {
        return new Telemetry(
                rig.site(),
                rig.rig(),
                time,
                seq,
                new Miner("bmminer", "Antminer S19", null, MinerStatus.MINING),
                1e14,
                new PowerReading(3250, PowerSource.MINER),
                List.of(),
                List.of(),
                List.of(),
                location,
                Duration.ofSeconds(10));
    }

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
