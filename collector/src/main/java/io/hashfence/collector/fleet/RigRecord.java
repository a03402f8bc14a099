package io.hashfence.collector.fleet;

import io.hashfence.protocol.Telemetry;
import java.time.Duration;
import java.time.Instant;

/**
 * What the collector knows of one rig: its newest telemetry (by sample time), when it was first and
 * last heard from, its reporting interval, whether the agent connection that last reported it is open,
 * and which sequence numbers have arrived (to drop replayed duplicates).
 */
public record RigRecord(
        RigKey key,
        Telemetry latest,
        Instant firstSeen,
        Instant lastSeen,
        Duration interval,
        long connectionId,
        boolean connected,
        SeenSequences seen) {

    RigRecord disconnected() {
        return new RigRecord(key, latest, firstSeen, lastSeen, interval, connectionId, false, seen);
    }
}
