package io.hashfence.collector.ingest;

import io.hashfence.collector.logging.ClientText;

/** Logs refused messages with their reason, throttled per outcome (the counter has them all). */
final class RefusalLog {
    private final ThrottledLog log;

    RefusalLog(ThrottledLog log) {
        this.log = log;
    }

    void refused(IngestOutcome outcome, Session session, String topic, String detail) {
        log.warn(
                "message-" + outcome.label(),
                "refused message from site {} on {}: {}: {}",
                session.site(),
                ClientText.escape(topic),
                outcome.label(),
                ClientText.escape(detail));
    }
}
