package io.hashfence.collector.ingest;

import io.hashfence.collector.config.MqttConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flow.FlowControlHandler;
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
 *   <li>{@code hold}, until authenticated: while reading is stopped for the credential check, keeps the
 *       packets already decoded, in order, until reading resumes (Netty's {@link FlowControlHandler});</li>
 *   <li>{@code packet-check}: drops what arrives once the connection is closing, answers packets the
 *       decoder could not read ({@link PacketCheck});</li>
 *   <li>{@code keep-alive}: added after CONNECT, closes at 1.5x the client's keep-alive;</li>
 *   <li>{@code authentication}: CONNECT, the site's token or mutual-TLS certificate, takeover of an older
 *       connection with the same site and client id, revocation ({@link MqttAuthentication});</li>
 *   <li>{@code control}: PINGREQ, SUBSCRIBE, UNSUBSCRIBE, DISCONNECT ({@link ControlPackets});</li>
 *   <li>{@code flow-control}: each PUBLISH within the QoS, rate and in-flight limits ({@link PublishLimits});</li>
 *   <li>{@code routing}: each PUBLISH within the topic length through {@link PublishRouter} to telemetry
 *       ingest (validate, registry, compliance, alerts) or site status ingest; the Will at the end
 *       ({@link PublishRouting});</li>
 *   <li>{@code puback}: PUBACKs in order, each once what its message wrote is durable
 *       ({@link PubAckSequencer});</li>
 *   <li>{@code failure}: closes the connection on a failure no stage handled ({@link UnexpectedFailure}).</li>
 * </ol>
 * The stages of one connection share its {@link MqttConnection}.
 */
final class MqttChannelInitializer extends ChannelInitializer<Channel> {
    private static final int MAX_CLIENT_ID_LENGTH = 128;

    private final MqttConfig config;
    private final SiteLogin login;
    private final RoutingTargets routing;
    private final IngestMetrics metrics;
    private final ThrottledLog warnings;
    private final ProtocolViolations violations;
    private final ConnectionGate gate;
    private final SslContext tls;
    private final AtomicLong connectionIds;

    /** @param tls the TLS context of this listener, or null for plain MQTT */
    MqttChannelInitializer(
            MqttConfig config,
            SiteLogin login,
            RoutingTargets routing,
            IngestMetrics metrics,
            ThrottledLog warnings,
            ConnectionGate gate,
            SslContext tls,
            AtomicLong connectionIds) {
        this.config = config;
        this.login = login;
        this.routing = routing;
        this.metrics = metrics;
        this.warnings = warnings;
        this.violations = new ProtocolViolations(metrics, warnings);
        this.gate = gate;
        this.tls = tls;
        this.connectionIds = connectionIds;
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast("gate", gate);
        if (config.proxyProtocol()) {
            channel.pipeline()
                    .addLast("proxy-guard", new ProxyHeaderGuard(metrics, warnings))
                    .addLast("proxy-decoder", new HAProxyMessageDecoder())
                    .addLast("proxy-protocol", new ProxyProtocolHandler());
        }
        if (tls != null) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
        MqttConnection connection = new MqttConnection(connectionIds.incrementAndGet());
        PubAckSequencer pubAcks = new PubAckSequencer(connection, routing.stores(), metrics);
        channel.pipeline()
                .addLast("connect-size", new ConnectSizeGuard(config.maxMessageBytes(), metrics, warnings))
                .addLast("mqtt-decoder", new MqttDecoder(config.maxMessageBytes(), MAX_CLIENT_ID_LENGTH))
                .addLast("mqtt-encoder", MqttEncoder.INSTANCE)
                .addLast("hold", new FlowControlHandler())
                .addLast(
                        "packet-check",
                        new PacketCheck(connection, config.maxMessageBytes(), metrics, warnings, violations))
                .addLast(
                        "authentication",
                        new MqttAuthentication(connection, login, config, metrics, warnings, violations))
                .addLast("control", new ControlPackets(connection, violations))
                .addLast(
                        "flow-control",
                        new PublishLimits(
                                connection,
                                config.limits(),
                                config.receiveMaximum(),
                                pubAcks::unacknowledged,
                                metrics,
                                warnings,
                                violations))
                .addLast(
                        "routing",
                        new PublishRouting(
                                connection,
                                routing.router(),
                                routing.registry(),
                                routing.stores(),
                                config.limits().maxTopicLength(),
                                metrics))
                .addLast("puback", pubAcks)
                .addLast("failure", new UnexpectedFailure(connection));
    }
}
