package io.hashfence.collector.audit;

import java.util.Arrays;
import java.util.Optional;

/** What an event-log record says happened. */
public enum EventType {
    RIG_FIRST_SEEN("rig_first_seen"),
    JURISDICTION_CHANGED("jurisdiction_changed"),
    RELOCATED("relocated"),
    EVIDENCE_CONFLICT("evidence_conflict"),
    COMPLIANCE_STATE_CHANGED("compliance_state_changed"),
    ALERT_OPENED("alert_opened"),
    ALERT_ACKNOWLEDGED("alert_acknowledged"),
    ALERT_RESOLVED("alert_resolved"),
    POLICY_LOADED("policy_loaded"),
    POLICY_CHANGED("policy_changed"),
    EXEMPTION_ADDED("exemption_added"),
    EXEMPTION_EXPIRED("exemption_expired"),
    SCREENING_EXEMPTION_APPLIED("screening_exemption_applied"),
    SCREENING_EXEMPTION_ENDED("screening_exemption_ended"),
    SUSPICION_CLEARED("suspicion_cleared"),
    CHECKPOINT("checkpoint");

    private final String label;

    EventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<EventType> fromLabel(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }
}
