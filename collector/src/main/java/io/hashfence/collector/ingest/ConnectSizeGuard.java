package io.hashfence.collector.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Refuses a CONNECT larger than {@code mqtt.max_message_bytes} as soon as its first bytes show it, with the
 * answer its protocol version asks for: MQTT 5 gets CONNACK 0x95 "Packet too large", MQTT 3.1.1 (which has
 * no such code) has its connection closed. It is counted as {@code packet_too_large}, neither as a message
 * nor as a protocol version error. It reads only the fixed header, the protocol name and the protocol level,
 * so the oversize packet is never buffered; any other first packet passes on untouched, and the guard
 * leaves the pipeline.
 */
final class ConnectSizeGuard extends ByteToMessageDecoder {
    private static final int CONNECT = 1;
    private static final int MAX_LENGTH_BYTES = 4;
    private static final byte[] MQTT = "MQTT".getBytes(StandardCharsets.US_ASCII);
    private static final int MQTT_5_LEVEL = 5;
    /** CONNACK, remaining length 3, no session present, reason 0x95 Packet too large, no properties. */
    private static final byte[] CONNACK_PACKET_TOO_LARGE = {0x20, 0x03, 0x00, (byte) 0x95, 0x00};

    private static final long LINGER_MILLIS = 2_000;

    private final int maxMessageBytes;
    private final IngestMetrics metrics;
    private final ThrottledLog warnings;
    private boolean refused;

    ConnectSizeGuard(int maxMessageBytes, IngestMetrics metrics, ThrottledLog warnings) {
        this.maxMessageBytes = maxMessageBytes;
        this.metrics = metrics;
        this.warnings = warnings;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        if (in.getUnsignedByte(start) >> 4 != CONNECT) {
            ctx.pipeline().remove(this);
            return;
        }
        int index = start + 1;
        long remaining = 0;
        int multiplier = 1;
        for (int digits = 0; ; digits++) {
            if (digits == MAX_LENGTH_BYTES) {
                ctx.pipeline().remove(this); // a malformed length: the MQTT decoder refuses it
                return;
            }
            if (index >= in.writerIndex()) {
                return;
            }
            int digit = in.getUnsignedByte(index++);
            remaining += (long) (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        if (remaining <= maxMessageBytes) {
            ctx.pipeline().remove(this);
            return;
        }
        Boolean mqtt5 = isMqtt5(in, index);
        if (mqtt5 == null) {
            return;
        }
        refuse(ctx, in, remaining, mqtt5);
    }

    /** Whether the variable header starting at {@code index} is MQTT 5's; null until enough bytes are here. */
    private static Boolean isMqtt5(ByteBuf in, int index) {
        if (in.writerIndex() - index < 2) {
            return null;
        }
        if (in.getUnsignedShort(index) != MQTT.length) {
            return false;
        }
        if (in.writerIndex() - index < 2 + MQTT.length + 1) {
            return null;
        }
        for (int i = 0; i < MQTT.length; i++) {
            if (in.getByte(index + 2 + i) != MQTT[i]) {
                return false;
            }
        }
        return in.getUnsignedByte(index + 2 + MQTT.length) == MQTT_5_LEVEL;
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, long remaining, boolean mqtt5) {
        refused = true;
        in.skipBytes(in.readableBytes());
        metrics.connect(ConnectResult.PACKET_TOO_LARGE);
        metrics.protocolError(ProtocolError.PACKET_TOO_LARGE);
        warnings.warn(
                "connect-too-large",
                "refused CONNECT from {}: {} bytes, more than mqtt.max_message_bytes ({})",
                ctx.channel().remoteAddress(),
                remaining,
                maxMessageBytes);
        if (!mqtt5) {
            ctx.close();
            return;
        }
        // Half-close after the CONNACK and drop what still arrives for a moment: closing with the client's
        // bytes unread would reset the connection, and a reset can discard the CONNACK before it is read.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(CONNACK_PACKET_TOO_LARGE)).addListener((ChannelFutureListener)
                sent -> {
                    if (sent.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                        duplex.shutdownOutput();
                        ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                    } else {
                        ctx.close();
                    }
                });
    }
}
