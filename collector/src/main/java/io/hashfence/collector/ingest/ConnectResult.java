package io.hashfence.collector.ingest;

/** How a CONNECT ended; the {@code result} label of {@code hashfence_mqtt_connects_total}. */
public enum ConnectResult {
    ACCEPTED("accepted"),
    BAD_CREDENTIALS("bad_credentials"),
    CERTIFICATE_MISMATCH("certificate_mismatch"),
    SERVER_BUSY("server_busy"),
    /** Refused unchecked: the source address failed to log in too often in a row (MQTT 5 0x9F, 3.1.1 0x03). */
    BACKED_OFF("backed_off"),
    /** A CONNECT larger than {@code mqtt.max_message_bytes}: refused before it is read. */
    PACKET_TOO_LARGE("packet_too_large"),
    TIMEOUT("timeout");

    private final String label;

    ConnectResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
