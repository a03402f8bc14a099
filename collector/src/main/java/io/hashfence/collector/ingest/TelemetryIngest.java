package io.hashfence.collector.ingest;

import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import io.hashfence.protocol.Topic;

/** Telemetry: decode and validate against the wire contract, then record the rig's new state. */
final class TelemetryIngest {
    private final TelemetryCodec codec;
    private final RigRegistry registry;
    private final RefusalLog refusals;

    TelemetryIngest(TelemetryCodec codec, RigRegistry registry, RefusalLog refusals) {
        this.codec = codec;
        this.registry = registry;
        this.refusals = refusals;
    }

    IngestOutcome ingest(Session session, Topic.Telemetry topic, byte[] payload) {
        Decoded<Telemetry> decoded = codec.decode(payload, topic);
        if (decoded instanceof Decoded.Invalid<Telemetry> invalid) {
            IngestOutcome outcome = IngestOutcome.of(invalid.violation());
            refusals.refused(outcome, session, topic.name(), invalid.detail());
            return outcome;
        }
        registry.record(((Decoded.Valid<Telemetry>) decoded).value(), session.connectionId());
        return IngestOutcome.ACCEPTED;
    }
}
