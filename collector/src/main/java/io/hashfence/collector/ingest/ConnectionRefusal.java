package io.hashfence.collector.ingest;

/** Why a connection was refused before MQTT began; the {@code reason} label of the refusal counter. */
enum ConnectionRefusal {
    MAX_CONNECTIONS("max_connections"),
    MAX_CONNECTIONS_PER_ADDRESS("max_connections_per_address");

    private final String label;

    ConnectionRefusal(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
