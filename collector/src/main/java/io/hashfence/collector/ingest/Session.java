package io.hashfence.collector.ingest;

import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.protocol.SiteId;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * An authenticated MQTT connection: which site it speaks for, in which protocol version, and what the
 * collector measures about the connection itself.
 */
public record Session(SiteId site, long connectionId, MqttVersion version, ConnectionFacts connection) {
    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }
}
