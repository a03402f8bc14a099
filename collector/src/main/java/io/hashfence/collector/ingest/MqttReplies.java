package io.hashfence.collector.ingest;

import io.hashfence.collector.config.MqttConfig;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

/** The packets the collector sends, each in the form the client's protocol version expects. */
final class MqttReplies {
    static final MqttMessage PINGRESP =
            new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private final MqttConfig config;

    MqttReplies(MqttConfig config) {
        this.config = config;
    }

    /**
     * CONNACK accepting the session; MQTT 5 clients also learn the server's limits, and the client id the
     * server assigned them when they sent an empty one.
     *
     * @param assignedClientId the id the server chose for the client, or null when the client named itself
     */
    MqttConnAckMessage accepted(MqttVersion version, String assignedClientId) {
        MqttProperties properties = new MqttProperties();
        if (version == MqttVersion.MQTT_5) {
            if (assignedClientId != null) {
                properties.add(
                        new StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), assignedClientId));
            }
            properties.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), config.receiveMaximum()));
            properties.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), config.maxMessageBytes()));
            properties.add(new IntegerProperty(MqttPropertyType.MAXIMUM_QOS.value(), 1));
            properties.add(new IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 0));
            properties.add(new IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
        }
        return MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(false)
                .properties(properties)
                .build();
    }

    static MqttConnAckMessage badCredentials(MqttVersion version) {
        return refused(
                version == MqttVersion.MQTT_5
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
    }

    static MqttConnAckMessage notAuthorized(MqttVersion version) {
        return refused(
                version == MqttVersion.MQTT_5
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    static MqttConnAckMessage serverBusy(MqttVersion version) {
        return refused(
                version == MqttVersion.MQTT_5
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    }

    /** For a source address in failed-login back-off: MQTT 5 "connection rate exceeded". */
    static MqttConnAckMessage backedOff(MqttVersion version) {
        return refused(
                version == MqttVersion.MQTT_5
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
                        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    }

    static MqttConnAckMessage serverUnavailable(MqttVersion version) {
        return refused(
                version == MqttVersion.MQTT_5
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
    }

    static MqttConnAckMessage refused(MqttConnectReturnCode code) {
        return MqttMessageBuilders.connAck()
                .returnCode(code)
                .sessionPresent(false)
                .build();
    }

    static MqttMessage pubAck(int packetId, byte reasonCode) {
        return MqttMessageBuilders.pubAck()
                .packetId(packetId)
                .reasonCode(reasonCode)
                .build();
    }

    static MqttMessage disconnect(byte reasonCode) {
        return MqttMessageBuilders.disconnect().reasonCode(reasonCode).build();
    }

    static MqttSubAckMessage subAck(int packetId, int[] reasonCodes) {
        return new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId),
                new MqttSubAckPayload(reasonCodes));
    }

    static MqttUnsubAckMessage unsubAck(int packetId) {
        return new MqttUnsubAckMessage(
                new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }
}
