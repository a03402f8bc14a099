package io.hashfence.collector.audit;

import java.time.Duration;

/**
 * Event-log settings.
 *
 * @param retention records older than this are compacted into a signed checkpoint; null keeps everything
 */
public record AuditConfig(Duration retention) {
    public static AuditConfig defaults() {
        return new AuditConfig(null);
    }
}
