package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Packets the decoder could not read are answered as their kind asks; nothing passes once closing. */
class PacketCheckTest {
    private final IngestMetrics metrics = new IngestMetrics();
    private StageChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void start(MqttConnection connection) {
        ThrottledLog warnings = new ThrottledLog();
        channel = new StageChannel(
                new PacketCheck(connection, 1024, metrics, warnings, new ProtocolViolations(metrics, warnings)));
    }

    @Test
    void aDecodedPacketPassesOn() {
        start(new MqttConnection(1));
        channel.writeInbound(packet(MqttMessageType.PINGREQ, DecoderResult.SUCCESS));
        MqttMessage passed = channel.readInbound();
        assertThat(passed.fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGREQ);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void anOversizePacketDisconnectsAnMqtt5SessionWithPacketTooLarge() {
        start(StageChannel.authenticated("site-a", MqttVersion.MQTT_5));
        channel.writeInbound(
                packet(MqttMessageType.PUBLISH, DecoderResult.failure(new TooLongFrameException("too large"))));
        MqttMessage disconnect = channel.readOutbound();
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x95);
        assertThat(channel.isActive()).isFalse();
        assertThat(StageChannel.messages(metrics, IngestOutcome.OVERSIZE)).isEqualTo(1);
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.PACKET_TOO_LARGE))
                .isEqualTo(1);
    }

    @Test
    void anUnsupportedProtocolVersionIsRefusedInConnAck() {
        start(new MqttConnection(1));
        channel.writeInbound(packet(
                MqttMessageType.CONNECT,
                DecoderResult.failure(new MqttUnacceptableProtocolVersionException("level 9"))));
        MqttConnAckMessage connAck = channel.readOutbound();
        assertThat(connAck.variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        assertThat(channel.isActive()).isFalse();
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.UNSUPPORTED_PROTOCOL_VERSION))
                .isEqualTo(1);
    }

    @Test
    void anyOtherDecodingFailureIsMalformed() {
        start(new MqttConnection(1));
        channel.writeInbound(
                packet(MqttMessageType.SUBSCRIBE, DecoderResult.failure(new DecoderException("bad remaining length"))));
        assertThat(channel.isActive()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(StageChannel.protocolErrors(metrics, ProtocolError.MALFORMED_PACKET))
                .isEqualTo(1);
    }

    @Test
    void whatStillArrivesWhileAnErrorCloseLingersIsReleasedUnread() {
        MqttConnection connection = StageChannel.authenticated("site-a", MqttVersion.MQTT_5);
        UnreadWrites client = new UnreadWrites();
        ThrottledLog warnings = new ThrottledLog();
        channel = new StageChannel(
                client,
                new PacketCheck(connection, 1024, metrics, warnings, new ProtocolViolations(metrics, warnings)));
        connection.closeWithReason(channel.pipeline().context(PacketCheck.class), (byte) 0x8E);
        assertThat(connection.isClosing()).isTrue();
        assertThat(channel.isActive())
                .as("open until the client has read the DISCONNECT")
                .isTrue();

        MqttPublishMessage late = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPublishVariableHeader("hashfence/v1/site-a/rig-1/telemetry", 0),
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
        channel.writeInbound(late);

        assertThat((Object) channel.readInbound()).isNull();
        assertThat(late.refCnt()).isZero();
        client.read();
        assertThat(channel.isActive()).isFalse();
    }

    /** Keeps writes unfinished, as a client that has not yet read them, until {@link #read}. */
    private static final class UnreadWrites extends ChannelOutboundHandlerAdapter {
        private final List<ChannelPromise> unread = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
            unread.add(promise);
        }

        void read() {
            unread.forEach(ChannelPromise::setSuccess);
            unread.clear();
        }
    }

    private static MqttMessage packet(MqttMessageType type, DecoderResult result) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0), null, null, result);
    }
}
