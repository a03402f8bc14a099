package io.hashfence.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean MQTT 5 load generator on Netty: one connection per site, each publishing QoS 1 telemetry at a
 * fixed rate with a bounded in-flight window, every message with a fresh sequence number and time (so
 * the collector does the full work: no duplicates).
 */
final class MqttLoad implements AutoCloseable {
    private static final int IN_FLIGHT = 1000;
    private static final long TICK_MILLIS = 10;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();

    /** Telemetry for one message: (rig index, sequence) to JSON. */
    interface Payload {
        String json(String site, String rig, long seq);
    }

    long sent() {
        return sent.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    /** Connects one site that publishes {@code perSecond} messages, round-robin over {@code rigs} rigs. */
    void startSite(InetSocketAddress collector, String site, String token, int rigs, int perSecond, Payload payload)
            throws Exception {
        CompletableFuture<MqttConnectReturnCode> connected = new CompletableFuture<>();
        AtomicLong inFlight = new AtomicLong();
        Channel channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(
                                        new MqttDecoder(1024 * 1024),
                                        MqttEncoder.INSTANCE,
                                        new SimpleChannelInboundHandler<MqttMessage>() {
                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
                                                if (msg.fixedHeader().messageType() == MqttMessageType.CONNACK) {
                                                    connected.complete(((MqttConnAckMessage) msg)
                                                            .variableHeader()
                                                            .connectReturnCode());
                                                } else if (msg.fixedHeader().messageType() == MqttMessageType.PUBACK) {
                                                    inFlight.decrementAndGet();
                                                    acknowledged.incrementAndGet();
                                                }
                                            }
                                        });
                    }
                })
                .connect(collector)
                .sync()
                .channel();
        channel.writeAndFlush(MqttMessageBuilders.connect()
                .clientId("load-" + site)
                .protocolVersion(MqttVersion.MQTT_5)
                .username(site)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .keepAlive(60)
                .cleanSession(true)
                .build());
        MqttConnectReturnCode code = connected.get(30, TimeUnit.SECONDS);
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            throw new IllegalStateException("site " + site + " refused: " + code);
        }
        long[] seq = {System.currentTimeMillis()};
        int[] next = {0};
        int[] packetId = {0};
        double perTick = perSecond * TICK_MILLIS / 1000.0;
        double[] credit = {0};
        channel.eventLoop()
                .scheduleAtFixedRate(
                        () -> {
                            credit[0] += perTick;
                            while (credit[0] >= 1 && inFlight.get() < IN_FLIGHT && channel.isActive()) {
                                credit[0] -= 1;
                                String rig = "rig-" + next[0];
                                next[0] = (next[0] + 1) % rigs;
                                packetId[0] = packetId[0] % 65_535 + 1;
                                byte[] bytes = payload.json(site, rig, ++seq[0]).getBytes(StandardCharsets.UTF_8);
                                inFlight.incrementAndGet();
                                sent.incrementAndGet();
                                channel.write(MqttMessageBuilders.publish()
                                        .topicName("hashfence/v1/" + site + "/" + rig + "/telemetry")
                                        .qos(MqttQoS.AT_LEAST_ONCE)
                                        .messageId(packetId[0])
                                        .payload(Unpooled.wrappedBuffer(bytes))
                                        .build());
                            }
                            channel.flush();
                        },
                        TICK_MILLIS,
                        TICK_MILLIS,
                        TimeUnit.MILLISECONDS);
    }

    /** A rig in the Texas oil fields: compliant, so the background load raises no alerts. */
    static String texasRig(String site, String rig, long seq) {
        return "{\"schema_version\":1,\"site\":\"" + site + "\",\"rig\":\"" + rig + "\",\"time\":\"" + Instant.now()
                + "\",\"seq\":" + seq + ",\"miner\":{\"type\":\"bmminer\",\"model\":\"Antminer S19 Pro\","
                + "\"firmware\":\"Antminer-S19-Pro-20230412\",\"status\":\"mining\"},\"hashrate_hs\":1.1032e14,"
                + "\"power\":{\"watts\":3247.5,\"source\":\"miner\"},\"temperatures\":[{\"sensor\":\"chain0\","
                + "\"celsius\":71.0}],\"fans\":[{\"name\":\"fan0\",\"rpm\":5520}],\"pools\":[{\"url\":"
                + "\"stratum+tcp://btc.example-pool.com:3333\",\"user\":\"w1\",\"active\":true}],\"location\":"
                + "{\"lat\":31.8457,\"lon\":-102.3676,\"source\":\"static\",\"accuracy_m\":50},\"interval_s\":1}";
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
