package io.hashfence.collector.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of policy and evidence.
 *
 * @param policyFile the policy file, or null for the shipped default (ofac-comprehensive + russia-belarus)
 * @param locationMaxAge a fix older than this makes the rig's state unknown
 * @param maxSpeedKmh faster apparent travel between fixes is impossible travel
 * @param relocationKm moving farther than this from the settled position is a relocation
 * @param frozenFixCount this many consecutive bit-identical GPS fixes are suspicious
 * @param collectorLocation the collector's own position for the RTT bound, or null to disable it
 * @param reassessInterval how often every rig is re-judged, so that silence turns into staleness
 */
public record ComplianceConfig(
        @JsonProperty("policy") Path policyFile,
        Duration locationMaxAge,
        double maxSpeedKmh,
        double relocationKm,
        int frozenFixCount,
        CollectorLocation collectorLocation,
        Duration reassessInterval) {

    public static ComplianceConfig defaults() {
        return new ComplianceConfig(null, Duration.ofHours(1), 1000, 1.0, 20, null, Duration.ofSeconds(30));
    }

    public ComplianceConfig withPolicyFile(Path file) {
        return new ComplianceConfig(
                file, locationMaxAge, maxSpeedKmh, relocationKm, frozenFixCount, collectorLocation, reassessInterval);
    }
}
