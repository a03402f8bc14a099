package io.hashfence.collector.fleet;

import io.hashfence.protocol.Telemetry;
import java.time.Duration;
import java.time.Instant;

/**
 * What the collector knows of one rig: its newest telemetry (by sample time), when it was first and
 * last heard from, its reporting interval, and whether the agent connection that last reported it is open.
 */
public record RigRecord(
        RigKey key,
        Telemetry latest,
        Instant firstSeen,
        Instant lastSeen,
        Duration interval,
        long connectionId,
        boolean connected) {

    RigRecord disconnected() {
        return new RigRecord(key, latest, firstSeen, lastSeen, interval, connectionId, false);
    }
}
