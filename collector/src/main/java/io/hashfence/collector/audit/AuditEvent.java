package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One record of the event log. {@code hash} is the SHA-256 of the record's canonical JSON (which contains
 * {@code prev}, the previous record's hash), so the records form a hash chain.
 *
 * @param site null for fleet-wide events (policy, checkpoint)
 * @param rig null for site-wide and fleet-wide events
 */
public record AuditEvent(
        long seq, Instant time, EventType type, String site, String rig, JsonNode data, String prev, String hash) {}
