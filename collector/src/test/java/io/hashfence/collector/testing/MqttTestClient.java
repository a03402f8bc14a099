package io.hashfence.collector.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.testing.Await;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare MQTT client on Netty's own codec, for tests that need exact control of what is sent (oversize
 * packets, garbage, wrong versions) and to see every packet the collector answers with.
 */
public final class MqttTestClient implements AutoCloseable {
    private static final int MAX_INBOUND_BYTES = 1024 * 1024;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    private final Channel channel;
    private final MqttVersion version;
    private int nextPacketId = 1;
    private volatile Throwable failure;

    private MqttTestClient(InetSocketAddress server, MqttVersion version, SslContext tls) throws InterruptedException {
        this.version = version;
        channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), server.getHostString(), server.getPort()));
                        }
                        ch.pipeline()
                                .addLast(
                                        new MqttDecoder(MAX_INBOUND_BYTES),
                                        MqttEncoder.INSTANCE,
                                        new SimpleChannelInboundHandler<MqttMessage>() {
                                            @Override
                                            protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
                                                received.add(msg);
                                            }

                                            /**
                                             * The collector resetting a connection it refuses is what many tests provoke:
                                             * they see it as a closed connection, and a failed wait names the cause.
                                             */
                                            @Override
                                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                                failure = cause;
                                                ctx.close();
                                            }
                                        });
                    }
                })
                .connect(server)
                .sync()
                .channel();
    }

    /** Opens a TCP connection and sends nothing yet. */
    public static MqttTestClient open(InetSocketAddress server, MqttVersion version) throws InterruptedException {
        return new MqttTestClient(server, version, null);
    }

    /** Opens a TLS connection (with the client certificate the context carries, if any) and sends nothing yet. */
    public static MqttTestClient openTls(InetSocketAddress server, MqttVersion version, SslContext tls)
            throws InterruptedException {
        return new MqttTestClient(server, version, tls);
    }

    /** Connects and returns the CONNACK, whatever its code. */
    public static MqttTestClient connect(InetSocketAddress server, MqttVersion version, String user, String password)
            throws InterruptedException {
        MqttTestClient client = open(server, version);
        client.sendConnect(user, password, 30);
        return client;
    }

    /** Connects and asserts the CONNACK accepts the connection. */
    public static MqttTestClient accepted(InetSocketAddress server, MqttVersion version, String user, String password)
            throws InterruptedException {
        MqttTestClient client = connect(server, version, user, password);
        MqttConnectReturnCode returnCode = client.connAck().variableHeader().connectReturnCode();
        if (returnCode != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            client.close();
            throw new AssertionError(user + " was refused: " + returnCode);
        }
        return client;
    }

    public void sendConnect(String user, String password, int keepAliveSeconds) {
        channel.writeAndFlush(MqttMessageBuilders.connect()
                        .clientId("test-" + user + "-" + System.nanoTime())
                        .protocolVersion(version)
                        .username(user)
                        .password(password.getBytes(StandardCharsets.UTF_8))
                        .keepAlive(keepAliveSeconds)
                        .cleanSession(true)
                        .build())
                .syncUninterruptibly();
    }

    public MqttConnAckMessage connAck() throws InterruptedException {
        return (MqttConnAckMessage) await(MqttMessageType.CONNACK);
    }

    /** Publishes and returns the packet id used (0 for QoS 0). */
    public int publish(String topic, byte[] payload, MqttQoS qos) {
        int packetId = qos == MqttQoS.AT_MOST_ONCE ? 0 : nextPacketId++;
        channel.writeAndFlush(MqttMessageBuilders.publish()
                .topicName(topic)
                .qos(qos)
                .messageId(packetId)
                .payload(Unpooled.wrappedBuffer(payload))
                .build());
        return packetId;
    }

    /** Publishes telemetry with QoS 1 on its rig's topic, as an agent does, and returns the PUBACK. */
    public MqttMessage publishAcknowledged(ObjectNode telemetry) throws InterruptedException {
        publish(
                TestTelemetry.topic(
                        telemetry.get("site").asText(), telemetry.get("rig").asText()),
                TestTelemetry.bytes(telemetry),
                MqttQoS.AT_LEAST_ONCE);
        return await(MqttMessageType.PUBACK);
    }

    public void sendRaw(byte[] bytes) {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        channel.writeAndFlush(buffer);
    }

    public void send(MqttMessage message) {
        channel.writeAndFlush(message);
    }

    /** The next packet of the given type, skipping none: an unexpected type fails. */
    public MqttMessage await(MqttMessageType type) throws InterruptedException {
        MqttMessage message = received.poll(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no " + type + " within " + Await.PATIENCE.toSeconds() + " s"
                    + (channel.isActive() ? "" : "; connection closed") + (failure == null ? "" : ": " + failure));
        }
        if (message.fixedHeader().messageType() != type) {
            throw new AssertionError("expected " + type + " but got " + message);
        }
        return message;
    }

    /** Whether the server closed the connection (within {@link Await#PATIENCE}). */
    public boolean awaitClosed() {
        return channel.closeFuture().awaitUninterruptibly(Await.PATIENCE.toMillis());
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
