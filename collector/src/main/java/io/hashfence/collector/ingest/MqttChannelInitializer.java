package io.hashfence.collector.ingest;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MQTT pipeline, in order:
 * <ol>
 *   <li>{@code gate}: refuses connections beyond the overall and per-address limits;</li>
 *   <li>{@code proxy-guard}, {@code proxy-decoder}, {@code proxy-protocol}, only when configured behind a
 *       load balancer: the PROXY v1/v2 header is required, and its client address then stands for the
 *       connection's;</li>
 *   <li>{@code tls}, on the TLS listener: the TLS session (mutual TLS when configured: a certificate that
 *       names the site authenticates it);</li>
 *   <li>{@code connect-size}: until the first packet is known, refuses a CONNECT over the configured size
 *       as its protocol version asks, before reading it ({@link ConnectSizeGuard});</li>
 *   <li>{@code mqtt-decoder}: bytes to MQTT packets, refusing packets over the configured size;</li>
 *   <li>{@code mqtt-encoder}: replies to bytes, in the client's protocol version;</li>
 *   <li>{@code keep-alive}: added after CONNECT, closes at 1.5x the client's keep-alive;</li>
 *   <li>{@code session}: CONNECT and authentication (a second connection with the same site and client id
 *       takes over), then every PUBLISH, within the rate, in-flight and topic-length limits, through
 *       {@link PublishRouter} to
 *       telemetry ingest (validate, registry, compliance, alerts) or site status ingest.</li>
 * </ol>
 */
final class MqttChannelInitializer extends ChannelInitializer<Channel> {
    private static final int MAX_CLIENT_ID_LENGTH = 128;

    private final MqttSessionServices services;
    private final ConnectionGate gate;
    private final SslContext tls;
    private final AtomicLong connectionIds;

    /** @param tls the TLS context of this listener, or null for plain MQTT */
    MqttChannelInitializer(MqttSessionServices services, ConnectionGate gate, SslContext tls, AtomicLong connectionIds) {
        this.services = services;
        this.gate = gate;
        this.tls = tls;
        this.connectionIds = connectionIds;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast("gate", gate);
        if (services.config().proxyProtocol()) {
            channel.pipeline()
                    .addLast("proxy-guard", new ProxyHeaderGuard(services.metrics(), services.clientWarnings()))
                    .addLast("proxy-decoder", new HAProxyMessageDecoder())
                    .addLast("proxy-protocol", new ProxyProtocolHandler());
        }
        if (tls != null) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
        channel.pipeline()
                .addLast("connect-size", new ConnectSizeGuard(services.config().maxMessageBytes(), services.metrics(),
                        services.clientWarnings()))
                .addLast("mqtt-decoder", new MqttDecoder(services.config().maxMessageBytes(), MAX_CLIENT_ID_LENGTH))
                .addLast("mqtt-encoder", MqttEncoder.INSTANCE)
                .addLast("session", new MqttConnectionHandler(services, connectionIds.incrementAndGet()));
    }
}
