package io.hashfence.collector.ingest;

import io.hashfence.collector.config.LimitsConfig;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * First in the pipeline: refuses a connection beyond the overall limit or the per-address limit before it
 * costs anything more. Behind a load balancer every connection comes from the balancer's address, so
 * raise {@code max_connections_per_address} there.
 */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("hashfence.counted-address");

    private final LimitsConfig limits;
    private final IngestMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    private final ThrottledLog warnings;

    ConnectionGate(LimitsConfig limits, IngestMetrics metrics, ThrottledLog warnings) {
        this.limits = limits;
        this.metrics = metrics;
        this.warnings = warnings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
        int total = open.incrementAndGet();
        int fromAddress =
                perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        ctx.channel().attr(COUNTED).set(address);
        if (total > limits.maxConnections()) {
            refuse(ctx, ConnectionRefusal.MAX_CONNECTIONS, total + " open, the limit is " + limits.maxConnections());
        } else if (fromAddress > limits.maxConnectionsPerAddress()) {
            refuse(
                    ctx,
                    ConnectionRefusal.MAX_CONNECTIONS_PER_ADDRESS,
                    fromAddress + " open from " + address.getHostAddress() + ", the limit is "
                            + limits.maxConnectionsPerAddress());
        } else {
            ctx.fireChannelActive();
        }
    }

    private void refuse(ChannelHandlerContext ctx, ConnectionRefusal reason, String detail) {
        metrics.connectionRefused(reason);
        warnings.warn(
                reason.label(), "refused connection from {}: {}", ctx.channel().remoteAddress(), detail);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            open.decrementAndGet();
            perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() == 0 ? null : count);
        }
        ctx.fireChannelInactive();
    }
}
