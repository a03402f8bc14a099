package io.hashfence.collector.ingest;

import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.testing.Samples;
import io.hashfence.protocol.SiteId;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * An EmbeddedChannel for one pipeline stage, whose client seems to connect over TCP from the loopback
 * address (the real stages read the client address as an {@link InetSocketAddress}).
 */
final class StageChannel extends EmbeddedChannel {
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);

    StageChannel(ChannelHandler... handlers) {
        super(handlers);
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return isActive() ? CLIENT : null;
    }

    /** A connection that authenticated as {@code site} with this protocol version. */
    static MqttConnection authenticated(String site, MqttVersion version) {
        MqttConnection connection = new MqttConnection(1);
        connection.connecting(version, null);
        connection.authenticated(new Session(SiteId.of(site), 1, version, ConnectionFacts.unknown()));
        return connection;
    }

    /** How many PUBLISHes {@code hashfence_ingest_messages_total} counted with this outcome. */
    static double messages(IngestMetrics metrics, IngestOutcome outcome) {
        return Samples.value(metrics, "hashfence_ingest_messages_total", "outcome", outcome.label());
    }

    /** How many connections {@code hashfence_mqtt_protocol_errors_total} counted with this kind. */
    static double protocolErrors(IngestMetrics metrics, ProtocolError kind) {
        return Samples.value(metrics, "hashfence_mqtt_protocol_errors_total", "kind", kind.label());
    }
}
