package io.hashfence.collector.alert;

/** An alert's life: its condition holds but not yet for the dwell time; it fired; it resolved. */
public enum AlertStatus {
    PENDING("pending"),
    FIRING("firing"),
    RESOLVED("resolved");

    private final String label;

    AlertStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
