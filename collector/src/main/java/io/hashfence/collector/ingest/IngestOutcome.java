package io.hashfence.collector.ingest;

import io.hashfence.protocol.Violation;

/**
 * What became of one PUBLISH: its {@code outcome} label on {@code hashfence_ingest_messages_total} and the
 * reason code an MQTT 5 client gets in its PUBACK (or DISCONNECT, for the outcomes that end the connection).
 */
public enum IngestOutcome {
    ACCEPTED("accepted", 0x00),
    /** Already received (an agent replayed it after a reconnect): acknowledged as success, not applied twice. */
    DUPLICATE("duplicate", 0x00),
    TOPIC_NOT_AUTHORIZED("topic_not_authorized", 0x87),
    UNKNOWN_TOPIC("unknown_topic", 0x90),
    TOPIC_TOO_LONG("topic_too_long", 0x90),
    RATE_LIMITED("rate_limited", 0x96),
    RECEIVE_MAXIMUM_EXCEEDED("receive_maximum_exceeded", 0x93),
    TOO_MANY_RIGS("too_many_rigs", 0x97),
    OVERSIZE("oversize", 0x95),
    QOS_NOT_SUPPORTED("qos_not_supported", 0x9B),
    /** A bug of the collector's, not the client's: refused with "unspecified error", logged, and counted. */
    INTERNAL_ERROR("internal_error", 0x80),
    MALFORMED_JSON(Violation.MALFORMED_JSON),
    UNKNOWN_SCHEMA_VERSION(Violation.UNKNOWN_SCHEMA_VERSION),
    MISSING_FIELD(Violation.MISSING_FIELD),
    WRONG_TYPE(Violation.WRONG_TYPE),
    INVALID_ID(Violation.INVALID_ID),
    NOT_FINITE(Violation.NOT_FINITE),
    OUT_OF_RANGE(Violation.OUT_OF_RANGE),
    FUTURE_TIMESTAMP(Violation.FUTURE_TIMESTAMP),
    TOO_LARGE(Violation.TOO_LARGE),
    TOPIC_MISMATCH(Violation.TOPIC_MISMATCH);

    /** MQTT 5 "Payload format invalid": the packet was fine, its content broke the wire contract. */
    private static final int PAYLOAD_FORMAT_INVALID = 0x99;

    private final String label;
    private final byte reasonCode;

    IngestOutcome(String label, int reasonCode) {
        this.label = label;
        this.reasonCode = (byte) reasonCode;
    }

    IngestOutcome(Violation violation) {
        this(violation.label(), PAYLOAD_FORMAT_INVALID);
    }

    public String label() {
        return label;
    }

    public byte reasonCode() {
        return reasonCode;
    }

    public static IngestOutcome of(Violation violation) {
        return switch (violation) {
            case MALFORMED_JSON -> MALFORMED_JSON;
            case UNKNOWN_SCHEMA_VERSION -> UNKNOWN_SCHEMA_VERSION;
            case MISSING_FIELD -> MISSING_FIELD;
            case WRONG_TYPE -> WRONG_TYPE;
            case INVALID_ID -> INVALID_ID;
            case NOT_FINITE -> NOT_FINITE;
            case OUT_OF_RANGE -> OUT_OF_RANGE;
            case FUTURE_TIMESTAMP -> FUTURE_TIMESTAMP;
            case TOO_LARGE -> TOO_LARGE;
            case TOPIC_MISMATCH -> TOPIC_MISMATCH;
        };
    }
}
