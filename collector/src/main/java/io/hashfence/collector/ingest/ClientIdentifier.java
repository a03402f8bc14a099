package io.hashfence.collector.ingest;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Optional;
import java.util.UUID;

/**
 * The client id a connection goes by: the one its CONNECT names, or, when it names none, one the server
 * assigns (MQTT 5 tells the client in CONNACK's Assigned Client Identifier; MQTT 3.1.1 is not told). An
 * assigned id keeps such clients apart, where one empty id would have each new connection take over the
 * last.
 *
 * @param assigned whether the server chose the id
 */
record ClientIdentifier(String value, boolean assigned) {
    private static final String ASSIGNED_PREFIX = "hashfence-";

    /** The connection's id; empty when MQTT 3.1.1 requires a refusal (no id, no clean session: MQTT-3.1.3-8). */
    static Optional<ClientIdentifier> of(MqttConnectMessage connect, MqttVersion version) {
        String named = connect.payload().clientIdentifier();
        if (named != null && !named.isEmpty()) {
            return Optional.of(new ClientIdentifier(named, false));
        }
        if (version == MqttVersion.MQTT_3_1_1 && !connect.variableHeader().isCleanSession()) {
            return Optional.empty();
        }
        return Optional.of(new ClientIdentifier(ASSIGNED_PREFIX + UUID.randomUUID(), true));
    }
}
