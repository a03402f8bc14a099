package io.hashfence.collector.ingest;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings caused by clients, at most one line per kind every 10 seconds with a count of the ones in
 * between: a flood of bad connections must not flood the log as well (the counters have every one).
 */
final class ThrottledLog {
    private static final Logger LOG = LoggerFactory.getLogger(ThrottledLog.class);
    private static final long QUIET_NANOS = 10_000_000_000L;

    private final Map<String, long[]> windows = new HashMap<>();

    /** @param kind what groups the lines; {@code message} uses SLF4J's {} placeholders */
    synchronized void warn(String kind, String message, Object... arguments) {
        long now = System.nanoTime();
        long[] window = windows.computeIfAbsent(kind, k -> new long[2]);
        if (window[0] != 0 && now - window[0] < QUIET_NANOS) {
            window[1]++;
            return;
        }
        String suppressed = window[1] == 0 ? "" : " (" + window[1] + " more like it since the last line)";
        LOG.warn(message + suppressed, arguments);
        window[0] = now;
        window[1] = 0;
    }
}
