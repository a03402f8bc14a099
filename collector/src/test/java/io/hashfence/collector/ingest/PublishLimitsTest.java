package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.config.LimitsConfig;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flow control: QoS, PUBLISH rate and in-flight limits, each closing with its reason and counted. */
class PublishLimitsTest {
    private static final int RECEIVE_MAXIMUM = 3;

    private final IngestMetrics metrics = new IngestMetrics();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private StageChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** @param burst PUBLISHes allowed at once (the rate, 1 per second, adds none during a test) */
    private void start(int burst) {
        ThrottledLog warnings = new ThrottledLog();
        channel = new StageChannel(new PublishLimits(
                StageChannel.authenticated("site-a", MqttVersion.MQTT_5),
                new LimitsConfig(10, 10, 1, burst, 256),
                RECEIVE_MAXIMUM,
                unacknowledged::get,
                metrics,
                warnings,
                new ProtocolViolations(metrics, warnings)));
    }

    @Test
    void publishesWithinTheLimitsPassOnUntouched() {
        start(5);
        channel.writeInbound(publish(MqttQoS.AT_LEAST_ONCE, false, 1));
        channel.writeInbound(publish(MqttQoS.AT_MOST_ONCE, false, 0));
        MqttPublishMessage first = channel.readInbound();
        MqttPublishMessage second = channel.readInbound();
        try {
            assertThat(first.variableHeader().packetId()).isEqualTo(1);
            assertThat(second.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_MOST_ONCE);
            assertThat(first.content().toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        } finally {
            ReferenceCountUtil.release(first);
            ReferenceCountUtil.release(second);
        }
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aPublishBeyondTheBurstDisconnectsWithRateExceeded() {
        start(2);
        channel.writeInbound(publish(MqttQoS.AT_MOST_ONCE, false, 0));
        channel.writeInbound(publish(MqttQoS.AT_MOST_ONCE, false, 0));
        channel.writeInbound(publish(MqttQoS.AT_MOST_ONCE, false, 0));
        assertThat(disconnectReason()).isEqualTo(0x96);
        assertThat(StageChannel.messages(metrics, IngestOutcome.RATE_LIMITED)).isEqualTo(1);
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.PUBLISH_RATE_EXCEEDED))
                .isEqualTo(1);
        releasePassed(2);
    }

    @Test
    void aQos1PublishBeyondReceiveMaximumDisconnects() {
        start(10);
        unacknowledged.set(RECEIVE_MAXIMUM - 1);
        channel.writeInbound(publish(MqttQoS.AT_LEAST_ONCE, false, 1));
        releasePassed(1);
        unacknowledged.set(RECEIVE_MAXIMUM);
        channel.writeInbound(publish(MqttQoS.AT_MOST_ONCE, false, 0));
        releasePassed(1);
        channel.writeInbound(publish(MqttQoS.AT_LEAST_ONCE, false, 2));
        assertThat(disconnectReason()).isEqualTo(0x93);
        assertThat(StageChannel.messages(metrics, IngestOutcome.RECEIVE_MAXIMUM_EXCEEDED))
                .isEqualTo(1);
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.RECEIVE_MAXIMUM_EXCEEDED))
                .isEqualTo(1);
    }

    @Test
    void qos2IsNotSupported() {
        start(10);
        channel.writeInbound(publish(MqttQoS.EXACTLY_ONCE, false, 1));
        assertThat(disconnectReason()).isEqualTo(0x9B);
        assertThat(StageChannel.messages(metrics, IngestOutcome.QOS_NOT_SUPPORTED))
                .isEqualTo(1);
    }

    @Test
    void qos0WithTheDupFlagIsMalformed() {
        start(10);
        channel.writeInbound(publish(MqttQoS.AT_MOST_ONCE, true, 0));
        assertThat(disconnectReason()).isEqualTo(0x81);
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.MALFORMED_PACKET))
                .isEqualTo(1);
    }

    private static MqttPublishMessage publish(MqttQoS qos, boolean dup, int packetId) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, qos, false, 0),
                new MqttPublishVariableHeader("hashfence/v1/site-a/rig-1/telemetry", packetId),
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
    }

    private void releasePassed(int count) {
        for (int i = 0; i < count; i++) {
            Object passed = channel.readInbound();
            assertThat(passed).isInstanceOf(MqttPublishMessage.class);
            ReferenceCountUtil.release(passed);
        }
        assertThat((Object) channel.readInbound()).isNull();
    }

    /** The reason of the DISCONNECT the stage sent, after which the connection must be closed. */
    private int disconnectReason() {
        MqttMessage disconnect = channel.readOutbound();
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(channel.isActive()).isFalse();
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
    }
}
