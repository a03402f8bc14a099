package io.hashfence.bench.ingest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit: a TCP server on loopback that frames MQTT packets and answers only what a publisher
 * waits for (CONNACK, and PUBACK at QoS 1) without looking inside a message. What it counts is the most
 * the generator can push through the kernel on this machine.
 */
final class LoopbackSink implements IngestTarget {
    private final LongAdder received = new LongAdder();
    private final EventLoops loops = new EventLoops(1);
    private final Channel server;

    LoopbackSink() throws InterruptedException {
        server = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new SinkConnection());
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    @Override
    public String name() {
        return "loopback sink";
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public String password(String site) {
        return null;
    }

    @Override
    public long delivered() {
        return received.sum();
    }

    @Override
    public long refused() {
        return 0;
    }

    @Override
    public double cpuSeconds() {
        return -1;
    }

    @Override
    public long rssBytes() {
        return -1;
    }

    private final class SinkConnection extends FrameReader {
        @Override
        protected void packet(ChannelHandlerContext ctx, int type, int flags, ByteBuf body) {
            if (type == MqttWire.PUBLISH) {
                received.increment();
                if ((flags & 0x06) != 0) {
                    int topicLength = body.getUnsignedShort(0);
                    ctx.write(MqttWire.pubAck(ctx.alloc(), body.getUnsignedShort(2 + topicLength)));
                }
            } else if (type == MqttWire.CONNECT) {
                ctx.write(MqttWire.connAck(ctx.alloc()));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loops.close();
    }
}
