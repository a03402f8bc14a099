package io.hashfence.collector.ingest;

import io.hashfence.protocol.Topic;
import java.util.Optional;

/**
 * Routes a PUBLISH by its topic: first the site boundary (a site publishes only under its own prefix),
 * then the topic's kind. Every kind of topic must be handled here, or this class does not compile.
 */
final class PublishRouter {
    private final TelemetryIngest telemetry;
    private final SiteStatusIngest status;
    private final RefusalLog refusals;

    PublishRouter(TelemetryIngest telemetry, SiteStatusIngest status, RefusalLog refusals) {
        this.telemetry = telemetry;
        this.status = status;
        this.refusals = refusals;
    }

    /** @param acknowledged whether the sender gets a PUBACK (QoS 1) */
    IngestOutcome route(Session session, String topicName, byte[] payload, boolean acknowledged) {
        if (!topicName.startsWith(Topic.sitePrefix(session.site()))) {
            refusals.refused(
                    IngestOutcome.TOPIC_NOT_AUTHORIZED,
                    session,
                    topicName,
                    "a site may publish only under " + Topic.sitePrefix(session.site()));
            return IngestOutcome.TOPIC_NOT_AUTHORIZED;
        }
        Optional<Topic> topic = Topic.parse(topicName);
        if (topic.isEmpty()) {
            refusals.refused(IngestOutcome.UNKNOWN_TOPIC, session, topicName, "not a Hashfence v1 topic");
            return IngestOutcome.UNKNOWN_TOPIC;
        }
        return topic.get().accept(new Topic.Visitor<>() {
            @Override
            public IngestOutcome telemetry(Topic.Telemetry topic) {
                return telemetry.ingest(session, topic, payload, acknowledged);
            }

            @Override
            public IngestOutcome status(Topic.Status topic) {
                return status.ingest(session, topic, payload);
            }

            @Override
            public IngestOutcome command(Topic.Command topic) {
                refusals.refused(
                        IngestOutcome.TOPIC_NOT_AUTHORIZED,
                        session,
                        topicName,
                        "commands flow from the collector to agents only");
                return IngestOutcome.TOPIC_NOT_AUTHORIZED;
            }
        });
    }
}
