package io.hashfence.collector.compliance;

import java.util.Arrays;
import java.util.Optional;

/** How urgent a finding is; spelled as Alertmanager's conventional {@code severity} label values. */
public enum Severity {
    CRITICAL("critical"),
    WARNING("warning"),
    INFO("info");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Severity> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
    }

    /** The more urgent of the two. */
    public Severity max(Severity other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
