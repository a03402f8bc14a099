package io.hashfence.protocol;

/** Why a message was refused. {@link #label()} is the {@code outcome} label of the ingest counter. */
public enum Violation {
    MALFORMED_JSON("malformed_json"),
    UNKNOWN_SCHEMA_VERSION("unknown_schema_version"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    INVALID_ID("invalid_id"),
    NOT_FINITE("not_finite"),
    OUT_OF_RANGE("out_of_range"),
    FUTURE_TIMESTAMP("future_timestamp"),
    TOO_LARGE("too_large"),
    TOPIC_MISMATCH("topic_mismatch");

    private final String label;

    Violation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
