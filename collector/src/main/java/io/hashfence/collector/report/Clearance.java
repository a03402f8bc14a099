package io.hashfence.collector.report;

import java.time.Instant;

/**
 * An operator cleared a rig's spoofing suspicion by hand ({@code suspicion_cleared} in the event log).
 *
 * @param suspicion what the rig was suspected of
 * @param reason the operator's stated reason
 */
public record Clearance(Instant at, String by, String reason, String suspicion) {}
