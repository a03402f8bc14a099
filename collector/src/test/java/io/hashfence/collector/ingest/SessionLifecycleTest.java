package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.protocol.Examples;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection life: CONNECT deadline, keep-alive, Will, QoS limits, subscriptions and MQTT 5 limits. */
class SessionLifecycleTest {
    private static final String SITE = "paraguay-01";

    @TempDir
    static Path dataDir;

    static RunningCollector collector;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector(
                dataDir,
                config -> config.withMqtt(new MqttConfig(
                        "127.0.0.1",
                        0,
                        config.mqtt().maxMessageBytes(),
                        256,
                        Duration.ofMillis(500),
                        false,
                        config.mqtt().limits(),
                        null,
                        true)));
        token = collector.addSite(SITE);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void aConnectionThatNeverSendsConnectIsClosedAtTheDeadline() throws Exception {
        double before = MetricsScrape.sample(collector.http(), "hashfence_mqtt_connects_total{result=\"timeout\"}");
        try (MqttTestClient silent = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5)) {
            assertThat(silent.awaitClosed()).isTrue();
        }
        assertThat(MetricsScrape.sample(collector.http(), "hashfence_mqtt_connects_total{result=\"timeout\"}"))
                .isEqualTo(before + 1);
    }

    @Test
    void aSilentClientIsClosedAfterOneAndAHalfKeepAlivesAndItsRigsGoDown() throws Exception {
        try (MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5)) {
            client.sendConnect(SITE, token, 1);
            client.connAck();
            client.publish(
                    TestTelemetry.topic(SITE, "quiet-rig"),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, "quiet-rig", 1)),
                    MqttQoS.AT_LEAST_ONCE);
            client.await(MqttMessageType.PUBACK);
            long started = System.nanoTime();
            MqttMessage disconnect = client.await(MqttMessageType.DISCONNECT);
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x8D);
            // Not before one and a half keep-alives; the upper bound only has to tell "closed" from "never closed".
            assertThat(waitedMillis).isBetween(1_000L, 15_000L);
            assertThat(client.awaitClosed()).isTrue();
        }
        // The client saw the half-close; the collector closes its side when it reads the client's close.
        Await.until(
                "the rig is down",
                () -> collector
                        .get("/api/v1/rigs/" + SITE + "/quiet-rig")
                        .body()
                        .contains("\"up\":false"));
    }

    @Test
    void pingsKeepTheConnectionOpen() throws Exception {
        try (MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_3_1_1)) {
            // Keep-alive 2 s: closed after 3 s of silence. Six pings 700 ms apart span more than that, and a
            // ping delayed by a busy machine still has 2 s of margin.
            client.sendConnect(SITE, token, 2);
            client.connAck();
            for (int i = 0; i < 6; i++) {
                Thread.sleep(700);
                client.send(MqttMessage.PINGREQ);
                client.await(MqttMessageType.PINGRESP);
            }
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void theWillOfAnAbruptlyClosedConnectionIsIngested() throws Exception {
        double before = MetricsScrape.ingested(collector.http(), "accepted");
        MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5);
        client.send(MqttMessageBuilders.connect()
                .clientId("will-test")
                .protocolVersion(MqttVersion.MQTT_5)
                .username(SITE)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .keepAlive(30)
                .cleanSession(true)
                .willFlag(true)
                .willTopic("hashfence/v1/" + SITE + "/status")
                .willQoS(MqttQoS.AT_LEAST_ONCE)
                .willMessage(new String(Examples.bytes(Examples.STATUS_OFFLINE_WILL), StandardCharsets.UTF_8)
                        .replace("texas-rockdale-01", SITE)
                        .getBytes(StandardCharsets.UTF_8))
                .build());
        client.connAck();
        client.close();
        Await.until("the Will is ingested", () -> MetricsScrape.ingested(collector.http(), "accepted") >= before + 1);
        assertThat(MetricsScrape.ingested(collector.http(), "accepted")).isEqualTo(before + 1);
    }

    @Test
    void qos2IsRefusedWithQosNotSupported() throws Exception {
        try (MqttTestClient client = connected(MqttVersion.MQTT_5)) {
            client.publish(
                    TestTelemetry.topic(SITE, "rig-q2"),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-q2", 1)),
                    MqttQoS.EXACTLY_ONCE);
            MqttMessage disconnect = client.await(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x9B);
        }
    }

    @Test
    void qos0TelemetryIsIngestedWithoutAcknowledgement() throws Exception {
        try (MqttTestClient client = connected(MqttVersion.MQTT_3_1_1)) {
            client.publish(
                    TestTelemetry.topic(SITE, "rig-q0"),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-q0", 1)),
                    MqttQoS.AT_MOST_ONCE);
            Await.until(
                    "the rig shows in the API",
                    () -> collector.get("/api/v1/rigs/" + SITE + "/rig-q0").statusCode() == 200);
        }
    }

    @Test
    void aSiteMaySubscribeOnlyToItsOwnCommandTopic() throws Exception {
        try (MqttTestClient client = connected(MqttVersion.MQTT_5)) {
            client.send(MqttMessageBuilders.subscribe()
                    .messageId(9)
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "hashfence/v1/" + SITE + "/command")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "hashfence/v1/#")
                    .addSubscription(MqttQoS.AT_MOST_ONCE, "hashfence/v1/other-site/command")
                    .build());
            MqttSubAckMessage subAck = (MqttSubAckMessage) client.await(MqttMessageType.SUBACK);
            assertThat(subAck.payload().reasonCodes()).containsExactly(1, 0x87, 0x87);
        }
    }

    @Test
    void mqtt5ClientsLearnTheServerLimitsInConnack() throws Exception {
        try (MqttTestClient client = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, SITE, token)) {
            MqttConnAckMessage connAck = client.connAck();
            assertThat(connAck.variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            MqttProperties properties = connAck.variableHeader().properties();
            assertThat(properties
                            .getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value())
                            .value())
                    .isEqualTo(256);
            assertThat(properties
                            .getProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value())
                            .value())
                    .isEqualTo(65536);
            assertThat(properties
                            .getProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value())
                            .value())
                    .isEqualTo(1);
        }
    }

    @Test
    void rotatingASitesTokenClosesTheSessionsThatUsedTheOldOne() throws Exception {
        String old = collector.addSite("rotating-site");
        try (MqttTestClient before =
                MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "rotating-site", old)) {
            before.connAck();
            String fresh = new CredentialStore(dataDir).rotate(SiteId.of("rotating-site"), new TokenHasher());
            MqttMessage disconnect = before.await(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x87);
            assertThat(before.awaitClosed()).isTrue();
            try (MqttTestClient after =
                    MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "rotating-site", fresh)) {
                assertThat(after.connAck().variableHeader().connectReturnCode())
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                // Nothing to wait for: the session must not be closed in this time.
                Thread.sleep(2_500);
                assertThat(after.isOpen()).as("the new token's session stays").isTrue();
            }
            try (MqttTestClient stale =
                    MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "rotating-site", old)) {
                assertThat(stale.connAck().variableHeader().connectReturnCode())
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD);
            }
        }
    }

    @Test
    void aPacketBeforeConnectIsAProtocolError() throws Exception {
        double before = MetricsScrape.sample(
                collector.http(), "hashfence_mqtt_protocol_errors_total{kind=\"unexpected_packet\"}");
        try (MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_3_1_1)) {
            client.send(MqttMessageBuilders.publish()
                    .topicName(TestTelemetry.topic(SITE, "x"))
                    .qos(MqttQoS.AT_MOST_ONCE)
                    .payload(Unpooled.wrappedBuffer(new byte[] {1}))
                    .build());
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(MetricsScrape.sample(
                        collector.http(), "hashfence_mqtt_protocol_errors_total{kind=\"unexpected_packet\"}"))
                .isEqualTo(before + 1);
    }

    private static MqttTestClient connected(MqttVersion version) throws InterruptedException {
        return MqttTestClient.accepted(collector.mqtt(), version, SITE, token);
    }
}
