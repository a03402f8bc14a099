package io.hashfence.collector.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Takes the real client address from the PROXY protocol (v1 or v2) header a TCP load balancer puts in
 * front of the stream, then steps out of the pipeline.
 */
final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {
    static final AttributeKey<InetSocketAddress> CLIENT_ADDRESS = AttributeKey.valueOf("hashfence.client-address");

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage header) {
            try {
                if (header.sourceAddress() != null) {
                    ctx.channel()
                            .attr(CLIENT_ADDRESS)
                            .set(new InetSocketAddress(header.sourceAddress(), header.sourcePort()));
                }
            } finally {
                ReferenceCountUtil.release(header);
            }
            ctx.pipeline().remove(this);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
