package io.hashfence.collector.ingest;

/** Ways a client breaks MQTT badly enough to be disconnected; the {@code kind} label of the error counter. */
public enum ProtocolError {
    MALFORMED_PACKET("malformed_packet"),
    UNSUPPORTED_PROTOCOL_VERSION("unsupported_protocol_version"),
    IDENTIFIER_REJECTED("identifier_rejected"),
    PACKET_TOO_LARGE("packet_too_large"),
    UNEXPECTED_PACKET("unexpected_packet"),
    /** A SUBSCRIBE or UNSUBSCRIBE with an empty list, which MQTT calls a protocol error. */
    NO_TOPIC_FILTERS("no_topic_filters"),
    KEEP_ALIVE_EXPIRED("keep_alive_expired"),
    MISSING_PROXY_HEADER("missing_proxy_header"),
    PUBLISH_RATE_EXCEEDED("publish_rate_exceeded"),
    RECEIVE_MAXIMUM_EXCEEDED("receive_maximum_exceeded");

    private final String label;

    ProtocolError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
