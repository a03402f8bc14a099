package io.hashfence.bench.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one subscriber of the Mosquitto run: subscribes to every telemetry topic and counts what the broker
 * relays, acknowledging QoS 1 deliveries at once. Its count is Mosquitto's relay rate.
 */
final class RelaySubscriber extends FrameReader implements AutoCloseable {
    private final LongAdder received = new LongAdder();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final EventLoops client = new EventLoops(1);
    private final int qos;
    private Channel channel;

    private RelaySubscriber(int qos) {
        this.qos = qos;
    }

    static RelaySubscriber start(InetSocketAddress broker, int qos) throws Exception {
        RelaySubscriber subscriber = new RelaySubscriber(qos);
        subscriber.channel = subscriber
                .client
                .bootstrap()
                .handler(subscriber)
                .connect(broker)
                .sync()
                .channel();
        subscriber.subscribed.get(30, TimeUnit.SECONDS);
        return subscriber;
    }

    long received() {
        return received.sum();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(MqttWire.connect(ctx.alloc(), "bench-relay-subscriber", null, null));
    }

    @Override
    protected void packet(ChannelHandlerContext ctx, int type, int flags, ByteBuf body) {
        switch (type) {
            case MqttWire.PUBLISH -> {
                received.increment();
                if ((flags & 0x06) != 0) {
                    int topicLength = body.getUnsignedShort(0);
                    ctx.write(MqttWire.pubAck(ctx.alloc(), body.getUnsignedShort(2 + topicLength)));
                }
            }
            case MqttWire.CONNACK -> ctx.writeAndFlush(MqttWire.subscribe(ctx.alloc(), 1, "hashfence/v1/#", qos));
            case MqttWire.SUBACK -> subscribed.complete(null);
            default -> {}
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        client.close();
    }
}
