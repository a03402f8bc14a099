package io.hashfence.collector.ingest;

import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.logging.ClientText;
import io.hashfence.protocol.AgentState;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.SiteStatus;
import io.hashfence.protocol.SiteStatusCodec;
import io.hashfence.protocol.Topic;
import io.hashfence.protocol.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Agent birth and Will: an {@code offline} status takes the rigs of that connection down at once. */
final class SiteStatusIngest {
    private static final Logger LOG = LoggerFactory.getLogger(SiteStatusIngest.class);

    private final SiteStatusCodec codec;
    private final RigRegistry registry;
    private final RefusalLog refusals;

    SiteStatusIngest(SiteStatusCodec codec, RigRegistry registry, RefusalLog refusals) {
        this.codec = codec;
        this.registry = registry;
        this.refusals = refusals;
    }

    IngestOutcome ingest(Session session, Topic.Status topic, byte[] payload) {
        Decoded<SiteStatus> decoded = codec.decode(payload);
        if (decoded instanceof Decoded.Invalid<SiteStatus> invalid) {
            IngestOutcome outcome = IngestOutcome.of(invalid.violation());
            refusals.refused(outcome, session, topic.name(), invalid.detail());
            return outcome;
        }
        SiteStatus status = ((Decoded.Valid<SiteStatus>) decoded).value();
        if (!status.site().equals(session.site())) {
            refusals.refused(
                    IngestOutcome.of(Violation.TOPIC_MISMATCH),
                    session,
                    topic.name(),
                    "status names site " + status.site());
            return IngestOutcome.TOPIC_MISMATCH;
        }
        LOG.info(
                "site {} agent is {} (agent version {})",
                status.site(),
                status.state().wireName(),
                ClientText.escape(status.agentVersion()));
        if (status.state() == AgentState.OFFLINE) {
            registry.connectionClosed(session.site(), session.connectionId());
        }
        return IngestOutcome.ACCEPTED;
    }
}
