package io.hashfence.collector.ingest;

import io.hashfence.protocol.SiteId;
import io.netty.handler.codec.mqtt.MqttVersion;

/** An authenticated MQTT connection: which site it speaks for, and in which protocol version. */
public record Session(SiteId site, long connectionId, MqttVersion version) {
    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }
}
