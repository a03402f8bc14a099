package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.SiteAuthenticator;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.protocol.Examples;
import io.hashfence.protocol.SiteId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Raw bytes through the collector's real MQTT pipeline (decoder, session, routing, validation, registry,
 * compliance, event log) in an EmbeddedChannel. Half the inputs start with a valid, authenticated CONNECT
 * and then a valid PUBLISH, so that the fuzzer also reaches what follows authentication. Nothing may
 * escape to the end of the pipeline, and no buffer may leak (the leak detector runs at PARANOID).
 */
class MqttPipelineFuzzTest {
    private static final String SITE = "fuzz-site";
    static Path dir;
    static IngestWiring ingest;
    static MqttConfig config;
    static SiteLogin login;
    static RoutingTargets routing;
    static IngestMetrics metrics;
    static ThrottledLog warnings;
    static byte[] connect;
    static byte[] publish;

    @BeforeAll
    static void wire() throws Exception {
        dir = Files.createTempDirectory("hashfence-fuzz");
        CredentialStore store = new CredentialStore(dir);
        String token = store.add(SiteId.of(SITE), new TokenHasher());
        SiteAuthenticator authenticator = new SiteAuthenticator(store);
        assertThat(authenticator.authenticate(SITE, token.getBytes(StandardCharsets.UTF_8)))
                .isPresent();

        ingest = new IngestWiring(dir);
        warnings = new ThrottledLog();
        config = MqttConfig.defaults().withPort(0);
        metrics = new IngestMetrics();
        login = new SiteLogin(
                authenticator, Runnable::run, new ConnectionInspector(ingest.ipCountries), new SessionRegistry());
        routing = new RoutingTargets(ingest.router, ingest.registry, ingest.stores());
        connect = encode(MqttMessageBuilders.connect()
                .clientId("fuzzer")
                .protocolVersion(MqttVersion.MQTT_5)
                .username(SITE)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .keepAlive(30)
                .cleanSession(true)
                .build());
        publish = encode(MqttMessageBuilders.publish()
                .topicName("hashfence/v1/" + SITE + "/s19pro-0007/telemetry")
                .qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(1)
                .payload(
                        Unpooled.wrappedBuffer(new String(Examples.bytes(Examples.ANTMINER_S19), StandardCharsets.UTF_8)
                                .replace("texas-rockdale-01", SITE)
                                .getBytes(StandardCharsets.UTF_8)))
                .build());
    }

    @AfterAll
    static void close() {
        ingest.close();
    }

    @FuzzTest(maxDuration = "20s")
    void rawBytes(byte[] data) {
        // A TCP-like client address: the authentication stage reads it, and an EmbeddedChannel's has none.
        EmbeddedChannel channel = new StageChannel(new MqttChannelInitializer(
                config,
                login,
                routing,
                metrics,
                warnings,
                new ConnectionGate(config.limits(), metrics, warnings),
                null,
                new AtomicLong()));
        try {
            byte[] input = data.length > 0 && (data[0] & 1) == 0 ? concat(connect, publish, data) : data;
            channel.writeInbound(Unpooled.wrappedBuffer(input));
            channel.runPendingTasks();
            channel.checkException();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static byte[] encode(Object message) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(message);
        ByteBuf bytes = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(bytes);
        } finally {
            ReferenceCountUtil.release(bytes);
            encoder.finishAndReleaseAll();
        }
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
