package io.hashfence.collector.ingest;

import io.netty.channel.ChannelHandlerContext;

/** Closes a connection that broke MQTT: counted by kind, logged (throttled), and an MQTT 5 client told why. */
final class ProtocolViolations {
    private static final byte MALFORMED_PACKET = (byte) 0x81;
    private static final byte PROTOCOL_ERROR = (byte) 0x82;

    private final IngestMetrics metrics;
    private final ThrottledLog warnings;

    ProtocolViolations(IngestMetrics metrics, ThrottledLog warnings) {
        this.metrics = metrics;
        this.warnings = warnings;
    }

    void malformed(ChannelHandlerContext ctx, MqttConnection connection, String what) {
        metrics.protocolError(ProtocolError.MALFORMED_PACKET);
        warnings.warn(
                "malformed",
                "closed connection from {} ({}): malformed MQTT packet: {}",
                ctx.channel().remoteAddress(),
                connection.siteName(),
                what);
        connection.closeWithReason(ctx, MALFORMED_PACKET);
    }

    void unexpected(ChannelHandlerContext ctx, MqttConnection connection, String what) {
        violation(ctx, connection, ProtocolError.UNEXPECTED_PACKET, what);
    }

    void violation(ChannelHandlerContext ctx, MqttConnection connection, ProtocolError kind, String what) {
        metrics.protocolError(kind);
        warnings.warn(
                "protocol-violation",
                "closed connection from {} ({}): {}",
                ctx.channel().remoteAddress(),
                connection.siteName(),
                what);
        connection.closeWithReason(ctx, PROTOCOL_ERROR);
    }
}
