package io.hashfence.bench.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many agents of one rig each, every one on its own connection, publishing a QoS 1 sample every
 * {@code interval} as deployed agents do, and reconnecting as the agent does when the connection drops:
 * after 1 s, doubling up to 60 s, each wait jittered down by up to half so that a fleet does not come back
 * in lockstep. Connections come from several loopback addresses (127.0.0.2, .3, ...), because the kernel
 * has about 28,000 ephemeral ports per source address and the collector allows 10,000 connections per
 * client address by default.
 */
final class SteadyFleet implements AutoCloseable {
    static final int CONNECTIONS_PER_ADDRESS = 5_000;
    private static final long FIRST_BACKOFF_MILLIS = 1_000;
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final EventLoops loops;
    private final InetSocketAddress target;
    private final LoadGenerator.Credentials credentials;
    private final long intervalMillis;
    private final AtomicInteger connected = new AtomicInteger();
    private final LongAdder published = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder refusedConnects = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();
    private volatile boolean closing;

    SteadyFleet(int threads, InetSocketAddress target, LoadGenerator.Credentials credentials, long intervalMillis) {
        this.loops = new EventLoops(threads);
        this.target = target;
        this.credentials = credentials;
        this.intervalMillis = intervalMillis;
    }

    /** Starts agent {@code index} of {@code site}; it connects, and reconnects, on its own. */
    void start(int index, String site) {
        new Agent(index, site).connect();
    }

    int connected() {
        return connected.get();
    }

    long published() {
        return published.sum();
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    /** CONNACKs with a refusal (server busy, bad credentials, limits). */
    long refusedConnects() {
        return refusedConnects.sum();
    }

    /** TCP connects that failed (refused while the collector restarts, timeouts). */
    long failedConnects() {
        return failedConnects.sum();
    }

    @Override
    public void close() {
        closing = true;
        loops.close();
    }

    private final class Agent {
        private final String site;
        private final TelemetryFrame frame;
        private final String clientId;
        private final InetSocketAddress source;
        private long seq = TelemetryFrame.FIRST_SEQ;
        private int packetId;
        private int failures;

        Agent(int index, String site) {
            this.site = site;
            this.frame = new TelemetryFrame(site, String.format("a%06d", index), 1);
            this.clientId = "steady-" + index;
            this.source = new InetSocketAddress("127.0.0." + (2 + index / CONNECTIONS_PER_ADDRESS), 0);
        }

        void connect() {
            if (closing) {
                return;
            }
            loops.bootstrap().handler(new Link()).connect(target, source).addListener(future -> {
                if (!future.isSuccess()) {
                    failedConnects.increment();
                    reconnectLater();
                }
            });
        }

        void reconnectLater() {
            if (closing) {
                return;
            }
            long backoff = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures, 16));
            failures++;
            long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            loops.group().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }

        private final class Link extends FrameReader {
            private boolean up;
            private ScheduledFuture<?> publishing;

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(MqttWire.connect(ctx.alloc(), clientId, site, credentials.password(site)));
            }

            @Override
            protected void packet(ChannelHandlerContext ctx, int type, int flags, ByteBuf body) {
                if (type == MqttWire.PUBACK) {
                    acknowledged.increment();
                } else if (type == MqttWire.CONNACK) {
                    if (body.getUnsignedByte(1) != 0) {
                        refusedConnects.increment();
                        ctx.close();
                        return;
                    }
                    up = true;
                    failures = 0;
                    connected.incrementAndGet();
                    long first = ThreadLocalRandom.current().nextLong(intervalMillis);
                    publishing = ctx.executor()
                            .scheduleAtFixedRate(() -> publish(ctx), first, intervalMillis, TimeUnit.MILLISECONDS);
                }
            }

            private void publish(ChannelHandlerContext ctx) {
                packetId = packetId % 65_535 + 1;
                published.increment();
                ctx.writeAndFlush(frame.copy(ctx.alloc(), packetId, ++seq, TelemetryFrame.timeBytes(Instant.now())));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                if (publishing != null) {
                    publishing.cancel(false);
                }
                if (up) {
                    connected.decrementAndGet();
                }
                reconnectLater();
                super.channelInactive(ctx);
            }
        }
    }
}
