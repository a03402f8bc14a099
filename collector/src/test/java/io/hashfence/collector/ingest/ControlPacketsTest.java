package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PINGREQ, SUBSCRIBE, UNSUBSCRIBE and DISCONNECT are answered here; PUBLISH passes on. */
class ControlPacketsTest {
    private static final byte[] WILL = "{}".getBytes();

    private final IngestMetrics metrics = new IngestMetrics();
    private MqttConnection connection;
    private StageChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void start(MqttVersion version) {
        connection = StageChannel.authenticated("site-a", version);
        connection.connecting(version, new Will("hashfence/v1/site-a/status", WILL));
        channel = new StageChannel(new ControlPackets(connection, new ProtocolViolations(metrics, new ThrottledLog())));
    }

    @Test
    void pingIsAnsweredAtTheEndOfTheRead() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(packet(MqttMessageType.PINGREQ, 0));
        MqttMessage reply = channel.readOutbound();
        assertThat(reply.fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
    }

    @Test
    void onlyTheSitesOwnCommandTopicMayBeSubscribed() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(subscribe("hashfence/v1/site-a/command", "hashfence/v1/site-b/command", "#"));
        MqttSubAckMessage subAck = channel.readOutbound();
        assertThat(subAck.payload().reasonCodes()).containsExactly(1, 0x87, 0x87);
    }

    @Test
    void mqtt311RefusalsUseTheFailureCode() {
        start(MqttVersion.MQTT_3_1_1);
        channel.writeInbound(subscribe("hashfence/v1/site-b/command"));
        MqttSubAckMessage subAck = channel.readOutbound();
        assertThat(subAck.payload().reasonCodes()).containsExactly(0x80);
    }

    @Test
    void aNormalDisconnectClosesWithoutTheWill() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(
                MqttMessageBuilders.disconnect().reasonCode((byte) 0).build());
        assertThat(channel.isActive()).isFalse();
        assertThat(connection.will()).isNull();
    }

    @Test
    void aDisconnectWithAnErrorReasonKeepsTheWill() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(
                MqttMessageBuilders.disconnect().reasonCode((byte) 0x80).build());
        assertThat(channel.isActive()).isFalse();
        assertThat(connection.will()).isNotNull();
    }

    @Test
    void anMqtt311DisconnectWithBytesAfterItIsMalformedAndKeepsTheWill() {
        start(MqttVersion.MQTT_3_1_1);
        channel.writeInbound(packet(MqttMessageType.DISCONNECT, 2));
        assertThat(channel.isActive()).isFalse();
        assertThat(connection.will()).isNotNull();
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.MALFORMED_PACKET))
                .isEqualTo(1);
    }

    @Test
    void aPacketOnlyServersSendClosesTheConnection() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(packet(MqttMessageType.PUBACK, 0));
        assertThat(channel.isActive()).isFalse();
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.UNEXPECTED_PACKET))
                .isEqualTo(1);
        MqttMessage disconnect = channel.readOutbound();
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x82);
    }

    @Test
    void publishPassesOn() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(MqttMessageBuilders.publish()
                .topicName("hashfence/v1/site-a/status")
                .qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(3)
                .payload(Unpooled.wrappedBuffer(WILL))
                .build());
        MqttPublishMessage passed = channel.readInbound();
        try {
            assertThat(passed.variableHeader().packetId()).isEqualTo(3);
        } finally {
            ReferenceCountUtil.release(passed);
        }
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private static MqttMessage packet(MqttMessageType type, int remainingLength) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, remainingLength));
    }

    private static MqttSubscribeMessage subscribe(String... filters) {
        var builder = MqttMessageBuilders.subscribe().messageId(7);
        List.of(filters).forEach(filter -> builder.addSubscription(MqttQoS.AT_LEAST_ONCE, filter));
        return builder.build();
    }
}
