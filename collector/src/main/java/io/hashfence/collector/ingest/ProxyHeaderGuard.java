package io.hashfence.collector.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import java.util.List;

/**
 * Closes at once a connection that does not start with a PROXY protocol header, instead of letting the
 * header decoder wait for a line end that an MQTT client will never send.
 */
final class ProxyHeaderGuard extends ByteToMessageDecoder {

    private final IngestMetrics metrics;
    private final ThrottledLog warnings;

    ProxyHeaderGuard(IngestMetrics metrics, ThrottledLog warnings) {
        this.metrics = metrics;
        this.warnings = warnings;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionResult<HAProxyProtocolVersion> detected = HAProxyMessageDecoder.detectProtocol(in);
        if (detected.state() == ProtocolDetectionState.DETECTED) {
            ctx.pipeline().remove(this);
        } else if (detected.state() == ProtocolDetectionState.INVALID) {
            in.skipBytes(in.readableBytes());
            metrics.protocolError(ProtocolError.MISSING_PROXY_HEADER);
            warnings.warn(
                    "missing-proxy-header",
                    "closed connection from {}: no PROXY protocol header, but mqtt.proxy_protocol is on",
                    ctx.channel().remoteAddress());
            ctx.close();
        }
    }
}
