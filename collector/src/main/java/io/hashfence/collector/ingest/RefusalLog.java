package io.hashfence.collector.ingest;

import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused messages with their reason, at most one line per outcome every 10 seconds, saying how
 * many were suppressed: a misbehaving fleet must not be able to flood the log. The counter has them all.
 */
final class RefusalLog {
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    private static final long QUIET_NANOS = 10_000_000_000L;

    private final Map<IngestOutcome, Window> windows = new EnumMap<>(IngestOutcome.class);

    private static final class Window {
        long openedAt;
        long suppressed;
    }

    synchronized void refused(IngestOutcome outcome, Session session, String topic, String detail) {
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(outcome, o -> new Window());
        if (window.openedAt != 0 && now - window.openedAt < QUIET_NANOS) {
            window.suppressed++;
            return;
        }
        String suppressed = window.suppressed == 0 ? "" : " (" + window.suppressed + " more since the last line)";
        LOG.warn("refused message from site {} on {}: {}: {}{}", session.site(), topic, outcome.label(), detail,
                suppressed);
        window.openedAt = now;
        window.suppressed = 0;
    }
}
