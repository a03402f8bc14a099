package io.hashfence.systemtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Telemetry v1 of an Antminer S19 Pro, as its site's agent sends it; a test adds the location and pools. */
final class S19Telemetry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S19Telemetry() {}

    /** A mining S19 Pro's sample at {@code time}, numbered by its time, with no location and no pools. */
    static ObjectNode at(String site, String rig, Instant time) {
        ObjectNode message = JSON.createObjectNode()
                .put("schema_version", 1)
                .put("site", site)
                .put("rig", rig)
                .put("time", time.toString())
                .put("seq", time.toEpochMilli())
                .put("hashrate_hs", 1.08e14)
                .put("interval_s", 10);
        message.putObject("miner")
                .put("type", "bmminer")
                .put("model", "Antminer S19 Pro")
                .put("firmware", "Antminer-S19-Pro-20230412")
                .put("status", "mining");
        message.putObject("power").put("watts", 3240.0).put("source", "miner");
        return message;
    }
}
