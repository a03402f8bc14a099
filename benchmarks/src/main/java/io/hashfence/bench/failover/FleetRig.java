package io.hashfence.bench.failover;

import java.time.Duration;
import java.time.Instant;

/**
 * A simulated rig of the failover fleet: an S19 Pro declaring a static location, in the Texas oil fields or,
 * for the restricted share, in Irkutsk (which raises a RigInRestrictedJurisdiction alert at once).
 */
record FleetRig(int index, boolean restricted) {
    String id() {
        return String.format("r%05d", index);
    }

    String topic(String site) {
        return "hashfence/v1/" + site + "/" + id() + "/telemetry";
    }

    String telemetry(String site, long seq, Instant time, Duration interval) {
        String location = restricted ? "\"lat\":52.2870,\"lon\":104.2810" : "\"lat\":31.8457,\"lon\":-102.3676";
        return "{\"schema_version\":1,\"site\":\"" + site + "\",\"rig\":\"" + id() + "\",\"time\":\"" + time
                + "\",\"seq\":" + seq + ",\"miner\":{\"type\":\"bmminer\",\"model\":\"Antminer S19 Pro\","
                + "\"status\":\"mining\"},\"hashrate_hs\":1.1032e14,\"power\":{\"watts\":3247.5,\"source\":\"miner\"},"
                + "\"location\":{" + location + ",\"source\":\"static\",\"accuracy_m\":50},\"interval_s\":"
                + interval.toSeconds() + "}";
    }
}
