package io.hashfence.collector.ingest;

import io.hashfence.collector.fleet.Recorded;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.judge.RigJudge;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import io.hashfence.protocol.Topic;

/**
 * Telemetry, in order: decode and validate against the wire contract; strip pool passwords
 * ({@link PoolCredentials}); record the rig's new state; judge
 * its location under the policy; record what changed in the event log; open or resolve its alerts. A sample that arrived before (an agent's
 * outbox replay) is acknowledged but changes nothing; an older sample is recorded but not judged again.
 * The (site, rig, seq) of every sample that gets a PUBACK goes to the sequence journal, duplicates too: a
 * duplicate's original may not have been journaled (QoS 0) or may be a record still queued.
 */
final class TelemetryIngest {
    private final TelemetryCodec codec;
    private final RigRegistry registry;
    private final SequenceRecorder journal;
    private final RigJudge judge;
    private final RefusalLog refusals;

    TelemetryIngest(TelemetryCodec codec, IngestTargets targets, RefusalLog refusals) {
        this.codec = codec;
        this.registry = targets.registry();
        this.journal = targets.journal();
        this.judge = targets.judge();
        this.refusals = refusals;
    }

    /** @param acknowledged whether the sender gets a PUBACK (QoS 1) */
    IngestOutcome ingest(Session session, Topic.Telemetry topic, byte[] payload, boolean acknowledged) {
        Decoded<Telemetry> decoded = codec.decode(payload, topic);
        if (decoded instanceof Decoded.Invalid<Telemetry> invalid) {
            IngestOutcome outcome = IngestOutcome.of(invalid.violation());
            refusals.refused(outcome, session, topic.name(), invalid.detail());
            return outcome;
        }
        Telemetry telemetry = PoolCredentials.strip(((Decoded.Valid<Telemetry>) decoded).value());
        Recorded recorded = registry.record(telemetry, session.connectionId());
        if (recorded == Recorded.OVER_QUOTA) {
            refusals.refused(
                    IngestOutcome.TOO_MANY_RIGS,
                    session,
                    topic.name(),
                    "the site already has the most rigs fleet.max_rigs_per_site allows");
            return IngestOutcome.TOO_MANY_RIGS;
        }
        RigKey rig = new RigKey(telemetry.site(), telemetry.rig());
        if (acknowledged) {
            journal.append(rig, telemetry.seq());
        }
        if (recorded == Recorded.DUPLICATE) {
            return IngestOutcome.DUPLICATE;
        }
        if (recorded == Recorded.NEWEST) {
            judge.observe(rig, telemetry, session.connection());
        }
        return IngestOutcome.ACCEPTED;
    }
}
