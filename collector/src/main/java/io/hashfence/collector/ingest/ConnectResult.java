package io.hashfence.collector.ingest;

/** How a CONNECT ended; the {@code result} label of {@code hashfence_mqtt_connects_total}. */
public enum ConnectResult {
    ACCEPTED("accepted"),
    BAD_CREDENTIALS("bad_credentials"),
    CERTIFICATE_MISMATCH("certificate_mismatch"),
    SERVER_BUSY("server_busy"),
    TIMEOUT("timeout");

    private final String label;

    ConnectResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
