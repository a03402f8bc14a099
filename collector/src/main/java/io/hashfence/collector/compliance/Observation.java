package io.hashfence.collector.compliance;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.geo.GeoLocation;
import io.hashfence.protocol.Telemetry;
import java.time.Instant;

/** One located telemetry message, with what was known of the rig before it: the input of every evidence rule. */
record Observation(
        RigKey rig,
        Telemetry telemetry,
        Fix fix,
        GeoLocation where,
        LocationHistory history,
        ConnectionFacts connection,
        Instant now) {}
