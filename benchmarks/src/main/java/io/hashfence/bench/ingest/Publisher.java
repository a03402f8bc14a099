package io.hashfence.bench.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One agent connection of the load generator: connects as a site, then publishes its rigs' telemetry
 * round-robin as fast as the target takes it. At QoS 1 it keeps {@code window} messages unacknowledged
 * and times each one from its write to its PUBACK (acknowledgements come in order, so a FIFO of send times
 * is enough); at QoS 0 it writes while the socket is writable. Either way it stays under a per-connection
 * rate cap, because the collector closes connections that exceed its publish rate limit.
 */
final class Publisher extends FrameReader {
    private static final int BATCH = 32;
    private static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LoadStats stats;
    private final TelemetryFrame[] rigs;
    private final int qos;
    private final int window;
    private final int perSlot;
    private final String clientId;
    private final String username;
    private final String password;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final long[] sendTimes;
    private int sendHead;
    private int inFlight;
    private long seq = TelemetryFrame.FIRST_SEQ;
    private int packetId;
    private int nextRig;
    private long slotStart;
    private int sentInSlot;
    private boolean pumpScheduled;
    private long timeSecond = -1;
    private byte[] time;

    Publisher(
            LoadStats stats,
            TelemetryFrame[] rigs,
            int qos,
            int window,
            int capPerSecond,
            String clientId,
            String username,
            String password) {
        this.stats = stats;
        this.rigs = rigs;
        this.qos = qos;
        this.window = window;
        this.perSlot = Math.max(1, capPerSecond / 10);
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.sendTimes = new long[window];
    }

    CompletableFuture<Void> connected() {
        return connected;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(MqttWire.connect(ctx.alloc(), clientId, username, password));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connected.isDone()) {
            stats.connectionLost();
        }
        connected.completeExceptionally(new IllegalStateException(clientId + ": connection closed before CONNACK"));
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            pump(ctx);
        }
    }

    @Override
    protected void packet(ChannelHandlerContext ctx, int type, int flags, ByteBuf body) {
        if (type == MqttWire.PUBACK) {
            long sentAt = sendTimes[(sendHead - inFlight + window) % window];
            inFlight--;
            int reason = body.readableBytes() > 2 ? body.getUnsignedByte(2) : 0;
            stats.acknowledged(System.nanoTime() - sentAt, reason);
            pump(ctx);
        } else if (type == MqttWire.CONNACK) {
            int reason = body.getUnsignedByte(1);
            if (reason != 0) {
                connected.completeExceptionally(
                        new IllegalStateException(clientId + ": CONNACK reason 0x" + Integer.toHexString(reason)));
                ctx.close();
                return;
            }
            connected.complete(null);
            slotStart = System.nanoTime();
            pump(ctx);
        }
    }

    private void pump(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive() || !connected.isDone()) {
            return;
        }
        long now = System.nanoTime();
        if (now - slotStart >= SLOT_NANOS) {
            slotStart = now;
            sentInSlot = 0;
        }
        int room = perSlot - sentInSlot;
        int count = Math.min(BATCH, qos > 0 ? Math.min(room, window - inFlight) : room);
        if (count > 0 && (qos > 0 || ctx.channel().isWritable())) {
            ByteBuf batch = ctx.alloc().directBuffer(count * rigs[0].size() + 64);
            byte[] timeNow = time(now);
            for (int i = 0; i < count; i++) {
                TelemetryFrame rig = rigs[nextRig];
                nextRig = (nextRig + 1) % rigs.length;
                packetId = packetId % 65_535 + 1;
                rig.writeTo(batch, packetId, ++seq, timeNow);
                if (qos > 0) {
                    sendTimes[sendHead] = now;
                    sendHead = (sendHead + 1) % window;
                    inFlight++;
                }
            }
            sentInSlot += count;
            stats.sent(count);
            ctx.writeAndFlush(batch);
        }
        boolean capped = sentInSlot >= perSlot;
        if (capped) {
            schedulePump(ctx, slotStart + SLOT_NANOS - now);
        } else if (qos == 0 && ctx.channel().isWritable()) {
            schedulePump(ctx, 0);
        }
    }

    /** Later, so that one connection does not hold the event loop from the others. */
    private void schedulePump(ChannelHandlerContext ctx, long delayNanos) {
        if (pumpScheduled) {
            return;
        }
        pumpScheduled = true;
        Runnable again = () -> {
            pumpScheduled = false;
            pump(ctx);
        };
        if (delayNanos <= 0) {
            ctx.executor().execute(again);
        } else {
            ctx.executor().schedule(again, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private byte[] time(long nanoNow) {
        long second = TimeUnit.NANOSECONDS.toSeconds(nanoNow);
        if (second != timeSecond) {
            timeSecond = second;
            time = TelemetryFrame.timeBytes(Instant.now());
        }
        return time;
    }
}
