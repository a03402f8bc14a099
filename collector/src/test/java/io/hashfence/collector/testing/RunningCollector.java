package io.hashfence.collector.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.Collector;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.protocol.SiteId;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** A collector on free ports with its own data directory, started the way {@code run} starts it. */
public final class RunningCollector implements AutoCloseable {
    private final Collector collector;
    private final CredentialStore credentials;
    private final Path dataDir;

    public RunningCollector(Path dataDir) throws Exception {
        this(dataDir, UnaryOperator.identity());
    }

    /** A collector whose free-port config the caller may adjust first. */
    public RunningCollector(Path dataDir, UnaryOperator<CollectorConfig> adjust) throws Exception {
        this(dataDir, Clock.systemUTC(), adjust);
    }

    /** A collector on a clock the test controls (e.g. {@link MutableClock}). */
    public RunningCollector(Path dataDir, Clock clock, UnaryOperator<CollectorConfig> adjust) throws Exception {
        CollectorConfig config =
                CollectorConfig.defaults().withDataDir(dataDir).withMqttPort(0).withHttpPort(0);
        collector = Collector.start(adjust.apply(config), clock);
        this.dataDir = dataDir;
        credentials = new CredentialStore(dataDir);
    }

    /** Adds a site as {@code sites add} does and returns its token. */
    public String addSite(String site) throws IOException {
        return credentials.add(SiteId.of(site), new TokenHasher());
    }

    /** Publishes the messages as the site's agent: one MQTT 5 connection, each PUBACK awaited, then gone. */
    public void publishAs(String site, String token, ObjectNode... telemetry) throws InterruptedException {
        try (MqttTestClient agent = MqttTestClient.connect(mqtt(), MqttVersion.MQTT_5, site, token)) {
            agent.connAck();
            for (ObjectNode message : telemetry) {
                agent.publishAcknowledged(message);
            }
        }
    }

    /** The HTTP API's bearer token, as the collector created it in the data directory. */
    public String apiToken() throws IOException {
        return Files.readString(dataDir.resolve("api-token")).strip();
    }

    /** A GET of an API path, with the API token the collector created. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return MetricsScrape.get(http(), path, apiToken());
    }

    /** The plain MQTT listener (tests that switch it off use the collector's TLS address instead). */
    public InetSocketAddress mqtt() {
        return new InetSocketAddress("127.0.0.1", collector.mqttAddress().getPort());
    }

    public InetSocketAddress http() {
        return new InetSocketAddress("127.0.0.1", collector.httpAddress().getPort());
    }

    public Collector collector() {
        return collector;
    }

    @Override
    public void close() {
        collector.close();
    }
}
