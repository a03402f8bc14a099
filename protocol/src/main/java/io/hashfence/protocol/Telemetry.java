package io.hashfence.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Telemetry message v1: one rig's state at one moment. Hashrate is in hashes per second, power in watts.
 * {@code power}, {@code location} and {@code interval} may be null; the lists are never null.
 */
public record Telemetry(
        SiteId site,
        RigId rig,
        Instant time,
        long seq,
        Miner miner,
        double hashrate,
        PowerReading power,
        List<Temperature> temperatures,
        List<Fan> fans,
        List<Pool> pools,
        Location location,
        Duration interval) {

    public static final int SCHEMA_VERSION = 1;

    public Telemetry {
        temperatures = List.copyOf(temperatures);
        fans = List.copyOf(fans);
        pools = List.copyOf(pools);
    }
}
