package io.hashfence.collector.compliance;

/** Where a rig stands under the policy. */
public enum ComplianceState {
    COMPLIANT("compliant"),
    WARNING("warning"),
    VIOLATION("violation"),
    UNKNOWN("unknown");

    private final String label;

    ComplianceState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
