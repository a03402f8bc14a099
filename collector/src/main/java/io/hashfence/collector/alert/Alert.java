package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import java.time.Instant;

/**
 * One alert per (rig, type) at a time; an immutable snapshot of it. Its labels (country, subdivision,
 * severity) are those it fired with, so that the resolution matches the firing in Alertmanager.
 *
 * @param acknowledgedBy who acknowledged it, or null
 */
public record Alert(String id, RigKey rig, AlertType type, AlertStatus status, Severity severity, String country,
                    String subdivision, String summary, String evidence, String trust, Instant openedAt,
                    Instant firedAt, Instant resolvedAt, Instant acknowledgedAt, String acknowledgedBy) {

    Alert withStatus(AlertStatus newStatus, Instant at) {
        return new Alert(id, rig, type, newStatus, severity, country, subdivision, summary, evidence, trust, openedAt,
                newStatus == AlertStatus.FIRING ? at : firedAt, newStatus == AlertStatus.RESOLVED ? at : resolvedAt,
                acknowledgedAt, acknowledgedBy);
    }

    /** Keeps the labels it fired with; refreshes what people read. */
    Alert withEvidence(Condition condition) {
        return new Alert(id, rig, type, status, severity, country, subdivision, condition.summary(),
                condition.evidence(), condition.trust(), openedAt, firedAt, resolvedAt, acknowledgedAt, acknowledgedBy);
    }

    Alert acknowledged(String by, Instant at) {
        return new Alert(id, rig, type, status, severity, country, subdivision, summary, evidence, trust, openedAt,
                firedAt, resolvedAt, at, by);
    }
}
