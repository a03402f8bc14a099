package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert per (rig, type) at a time; an immutable snapshot of it. Its labels (country, subdivision,
 * severity) are those it fired with, so that the resolution matches the firing in Alertmanager.
 *
 * @param acknowledgedBy who acknowledged it, or null
 * @param borderKm the rig's distance to the nearest border of its country as last assessed (refreshed like the
 *                 evidence), or null
 */
public record Alert(
        String id,
        RigKey rig,
        AlertType type,
        AlertStatus status,
        Severity severity,
        String country,
        String subdivision,
        String summary,
        String evidence,
        String trust,
        Instant openedAt,
        Instant firedAt,
        Instant resolvedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Double borderKm) {

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this alert's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .rig(rig)
                .type(type)
                .status(status)
                .severity(severity)
                .country(country)
                .subdivision(subdivision)
                .summary(summary)
                .evidence(evidence)
                .trust(trust)
                .openedAt(openedAt)
                .firedAt(firedAt)
                .resolvedAt(resolvedAt)
                .acknowledged(acknowledgedBy, acknowledgedAt)
                .borderKm(borderKm);
    }

    Alert withStatus(AlertStatus newStatus, Instant at) {
        Builder next = toBuilder().status(newStatus);
        if (newStatus == AlertStatus.FIRING) {
            next.firedAt(at);
        }
        if (newStatus == AlertStatus.RESOLVED) {
            next.resolvedAt(at);
        }
        return next.build();
    }

    /** Keeps the labels it fired with; refreshes what people read. */
    Alert withEvidence(Condition condition) {
        return toBuilder().textOf(condition).build();
    }

    Alert acknowledged(String by, Instant at) {
        return toBuilder().acknowledged(by, at).build();
    }

    /**
     * Builds an alert; id, rig, type, status, severity and opening time are required, the rest may stay unset
     * (a pending alert has not fired, resolved or been acknowledged).
     */
    public static final class Builder {
        private String id;
        private RigKey rig;
        private AlertType type;
        private AlertStatus status;
        private Severity severity;
        private String country;
        private String subdivision;
        private String summary;
        private String evidence;
        private String trust;
        private Instant openedAt;
        private Instant firedAt;
        private Instant resolvedAt;
        private Instant acknowledgedAt;
        private String acknowledgedBy;
        private Double borderKm;

        private Builder() {}

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder rig(RigKey value) {
            rig = value;
            return this;
        }

        public Builder type(AlertType value) {
            type = value;
            return this;
        }

        public Builder status(AlertStatus value) {
            status = value;
            return this;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        public Builder country(String value) {
            country = value;
            return this;
        }

        public Builder subdivision(String value) {
            subdivision = value;
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder evidence(String value) {
            evidence = value;
            return this;
        }

        public Builder trust(String value) {
            trust = value;
            return this;
        }

        public Builder openedAt(Instant value) {
            openedAt = value;
            return this;
        }

        public Builder firedAt(Instant value) {
            firedAt = value;
            return this;
        }

        public Builder resolvedAt(Instant value) {
            resolvedAt = value;
            return this;
        }

        /** @param by who acknowledged it, or null with a null {@code at} for not acknowledged */
        public Builder acknowledged(String by, Instant at) {
            acknowledgedBy = by;
            acknowledgedAt = at;
            return this;
        }

        /** @param km the rig's distance to the nearest border of its country, or null */
        public Builder borderKm(Double km) {
            borderKm = km;
            return this;
        }

        /** The labels it fires with (severity, place) and the text people read, both from the condition. */
        public Builder condition(Condition condition) {
            return severity(condition.severity())
                    .country(condition.country())
                    .subdivision(condition.subdivision())
                    .textOf(condition);
        }

        /** What people read (summary, evidence, trust, border distance), from the condition; the labels stay. */
        public Builder textOf(Condition condition) {
            return summary(condition.summary())
                    .evidence(condition.evidence())
                    .trust(condition.trust())
                    .borderKm(condition.borderKm());
        }

        public Alert build() {
            return new Alert(
                    Objects.requireNonNull(id, "id"),
                    Objects.requireNonNull(rig, "rig"),
                    Objects.requireNonNull(type, "type"),
                    Objects.requireNonNull(status, "status"),
                    Objects.requireNonNull(severity, "severity"),
                    country,
                    subdivision,
                    summary,
                    evidence,
                    trust,
                    Objects.requireNonNull(openedAt, "openedAt"),
                    firedAt,
                    resolvedAt,
                    acknowledgedAt,
                    acknowledgedBy,
                    borderKm);
        }
    }
}
