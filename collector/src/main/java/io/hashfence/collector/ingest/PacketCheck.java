package io.hashfence.collector.ingest;

import io.hashfence.collector.logging.ClientText;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * The first stage after decoding: drops what still arrives once the connection is closing, and answers a
 * packet the decoder could not read: too large (MQTT 5: DISCONNECT 0x95), an unsupported protocol version
 * or a rejected client id (refused in CONNACK), anything else as malformed (0x81).
 */
final class PacketCheck extends ChannelInboundHandlerAdapter {
    private final MqttConnection connection;
    private final int maxMessageBytes;
    private final IngestMetrics metrics;
    private final ThrottledLog warnings;
    private final ProtocolViolations violations;

    PacketCheck(
            MqttConnection connection,
            int maxMessageBytes,
            IngestMetrics metrics,
            ThrottledLog warnings,
            ProtocolViolations violations) {
        this.connection = connection;
        this.maxMessageBytes = maxMessageBytes;
        this.metrics = metrics;
        this.warnings = warnings;
        this.violations = violations;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage message = (MqttMessage) msg;
        DecoderResult result = message.decoderResult();
        if (ctx.channel().isActive() && !connection.isClosing() && result.isSuccess()) {
            ctx.fireChannelRead(message);
            return;
        }
        try {
            if (ctx.channel().isActive() && !connection.isClosing()) {
                onUndecodable(ctx, result.cause());
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void onUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            metrics.message(IngestOutcome.OVERSIZE);
            metrics.protocolError(ProtocolError.PACKET_TOO_LARGE);
            warnings.warn(
                    "oversize",
                    "closed connection from {} ({}): packet larger than {} bytes",
                    ctx.channel().remoteAddress(),
                    connection.siteName(),
                    maxMessageBytes);
            connection.closeWithReason(ctx, IngestOutcome.OVERSIZE.reasonCode());
        } else if (cause instanceof MqttUnacceptableProtocolVersionException) {
            metrics.protocolError(ProtocolError.UNSUPPORTED_PROTOCOL_VERSION);
            connection.refuse(
                    ctx, MqttReplies.refused(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
        } else if (cause instanceof MqttIdentifierRejectedException) {
            metrics.protocolError(ProtocolError.IDENTIFIER_REJECTED);
            connection.refuse(
                    ctx,
                    MqttReplies.refused(
                            connection.version() == MqttVersion.MQTT_5
                                    ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED));
        } else {
            violations.malformed(ctx, connection, ClientText.escape(cause.getMessage()));
        }
    }
}
