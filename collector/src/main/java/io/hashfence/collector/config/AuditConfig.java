package io.hashfence.collector.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Event-log settings.
 *
 * @param retention records older than this are compacted into a signed checkpoint; null keeps everything
 * @param witnessDir where signed checkpoints of the chain head go (other storage than the data directory);
 *                   null writes none
 */
public record AuditConfig(Duration retention, Path witnessDir) {
    public static AuditConfig defaults() {
        return new AuditConfig(null, null);
    }

    public AuditConfig withWitnessDir(Path dir) {
        return new AuditConfig(retention, dir);
    }
}
