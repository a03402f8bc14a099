package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.config.LimitsConfig;
import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each limit trips, answers as documented, is counted, and leaves other connections alone. */
class LimitsTest {
    private static final String SITE = "limits-site";

    @TempDir
    static Path dataDir;

    static RunningCollector collector;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector(
                dataDir, config -> config.withMqtt(config.mqtt().withLimits(new LimitsConfig(8, 6, 20, 40, 64))));
        token = collector.addSite(SITE);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreRefusedAndCounted() throws Exception {
        String counter = "hashfence_mqtt_connections_refused_total{reason=\"max_connections_per_address\"}";
        double before = MetricsScrape.sample(collector.http(), counter);
        List<MqttTestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                open.add(connected(MqttVersion.MQTT_5, "c" + i));
            }
            try (MqttTestClient seventh = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5)) {
                assertThat(seventh.awaitClosed()).isTrue();
            }
            assertThat(MetricsScrape.sample(collector.http(), counter)).isEqualTo(before + 1);
            assertThat(open).allMatch(MqttTestClient::isOpen);
            assertThat(MetricsScrape.sample(collector.http(), "hashfence_mqtt_connections"))
                    .as("a refused connection neither counts nor uncounts")
                    .isEqualTo(6);
        } finally {
            open.forEach(MqttTestClient::close);
        }
        Await.until(
                "the collector has seen the connections close",
                () -> MetricsScrape.sample(collector.http(), "hashfence_mqtt_connections") == 0);
        try (MqttTestClient again = connected(MqttVersion.MQTT_5, "again")) {
            assertThat(again.isOpen())
                    .as("slots are freed when connections close")
                    .isTrue();
        }
    }

    @Test
    void aClientPublishingFasterThanItsRateIsDisconnected() throws Exception {
        try (MqttTestClient bystander = connected(MqttVersion.MQTT_5, "calm");
                MqttTestClient flooder = connected(MqttVersion.MQTT_5, "flooder")) {
            byte[] payload = TestTelemetry.bytes(TestTelemetry.message(SITE, "flood", 1));
            for (int i = 0; i < 100; i++) {
                flooder.publish(TestTelemetry.topic(SITE, "flood"), payload, MqttQoS.AT_MOST_ONCE);
            }
            MqttMessage disconnect = flooder.await(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x96);
            assertThat(flooder.awaitClosed()).isTrue();
            bystander.publish(
                    TestTelemetry.topic(SITE, "calm-rig"),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, "calm-rig", 1)),
                    MqttQoS.AT_LEAST_ONCE);
            bystander.await(MqttMessageType.PUBACK);
        }
        assertThat(MetricsScrape.ingested(collector.http(), "rate_limited")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aTopicLongerThanTheLimitIsRefused() throws Exception {
        double before = MetricsScrape.ingested(collector.http(), "topic_too_long");
        try (MqttTestClient client = connected(MqttVersion.MQTT_5, "long")) {
            client.publish(
                    "hashfence/v1/" + SITE + "/" + "r".repeat(60) + "/telemetry",
                    new byte[] {'{', '}'},
                    MqttQoS.AT_LEAST_ONCE);
            MqttMessage pubAck = client.await(MqttMessageType.PUBACK);
            assertThat(((MqttPubReplyMessageVariableHeader) pubAck.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x90);
        }
        assertThat(MetricsScrape.ingested(collector.http(), "topic_too_long")).isEqualTo(before + 1);
    }

    @Test
    void aSecondConnectionWithTheSameClientIdTakesOver() throws Exception {
        double before = MetricsScrape.sample(collector.http(), "hashfence_mqtt_sessions_taken_over_total");
        try (MqttTestClient first = connectedAs("agent-1");
                MqttTestClient second = connectedAs("agent-1")) {
            MqttMessage disconnect = first.await(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x8E);
            assertThat(first.awaitClosed()).isTrue();
            second.publish(
                    TestTelemetry.topic(SITE, "takeover"),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, "takeover", 1)),
                    MqttQoS.AT_LEAST_ONCE);
            second.await(MqttMessageType.PUBACK);
            assertThat(second.isOpen()).isTrue();
        }
        assertThat(MetricsScrape.sample(collector.http(), "hashfence_mqtt_sessions_taken_over_total"))
                .isEqualTo(before + 1);
    }

    @Test
    void moreUnacknowledgedMessagesThanTheReceiveMaximumDisconnect(@TempDir Path dir) throws Exception {
        try (RunningCollector small = new RunningCollector(
                dir,
                config -> config.withMqtt(new MqttConfig(
                        "127.0.0.1",
                        0,
                        config.mqtt().maxMessageBytes(),
                        2,
                        config.mqtt().connectTimeout(),
                        false,
                        config.mqtt().limits(),
                        null,
                        true)))) {
            String siteToken = small.addSite("burst-site");
            try (MqttTestClient client =
                    MqttTestClient.connect(small.mqtt(), MqttVersion.MQTT_5, "burst-site", siteToken)) {
                client.connAck();
                // Each new rig's first message writes an event, so its PUBACK waits for the disk: a burst
                // of them piles up more unacknowledged messages than the 2 the collector allows.
                for (int i = 0; i < 50; i++) {
                    client.publish(
                            TestTelemetry.topic("burst-site", "rig-" + i),
                            TestTelemetry.bytes(TestTelemetry.message("burst-site", "rig-" + i, 1)),
                            MqttQoS.AT_LEAST_ONCE);
                }
                assertThat(client.awaitClosed()).isTrue();
            }
            assertThat(MetricsScrape.ingested(small.http(), "receive_maximum_exceeded"))
                    .isEqualTo(1);
        }
    }

    @Test
    void metricsCanRequireTheApiToken(@TempDir Path dir) throws Exception {
        try (RunningCollector guarded = new RunningCollector(
                dir, config -> config.withHttp(config.http().withProtectMetrics(true)))) {
            URI metrics = URI.create("http://127.0.0.1:" + guarded.http().getPort() + "/metrics");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(401);
            HttpResponse<String> scraped = http.send(
                    HttpRequest.newBuilder(metrics)
                            .header("Authorization", "Bearer " + guarded.apiToken())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("hashfence_ingest_messages_total");
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                    + guarded.http().getPort() + "/healthz"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    private static MqttTestClient connectedAs(String clientId) throws InterruptedException {
        MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5);
        client.send(MqttMessageBuilders.connect()
                .clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_5)
                .username(SITE)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .keepAlive(30)
                .cleanSession(true)
                .build());
        assertThat(client.connAck().variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return client;
    }

    private static MqttTestClient connected(MqttVersion version, String name) throws InterruptedException {
        MqttTestClient client = MqttTestClient.connect(collector.mqtt(), version, SITE, token);
        assertThat(client.connAck().variableHeader().connectReturnCode())
                .as(name)
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return client;
    }
}
