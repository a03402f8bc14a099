package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.testing.CollectorWithBystander;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The places where MQTT 3.1.1 and 5 say exactly what a server must do with a packet that breaks a rule,
 * each through the real pipeline, each counted, and each leaving a bystander connection unharmed.
 */
class MqttRulesTest {
    private static final String SITE = "rules-site";
    private static final String OTHER_SITE = "rules-bystander";
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    @RegisterExtension
    static final CollectorWithBystander shared = new CollectorWithBystander(SITE, OTHER_SITE);

    @Test
    void oversizeMqtt5ConnectIsAnsweredPacketTooLargeAndCountedAsSuch() throws Exception {
        double tooLarge = connects("packet_too_large");
        double versionErrors = protocolErrors("unsupported_protocol_version");
        double oversizeMessages = MetricsScrape.ingested(shared.collector().http(), "oversize");

        byte[] answer = exchange(oversizeConnectStart(5));

        assertThat(answer)
                .as("CONNACK, no session, 0x95 Packet too large, no properties")
                .containsExactly(0x20, 0x03, 0x00, 0x95, 0x00);
        assertThat(connects("packet_too_large")).isEqualTo(tooLarge + 1);
        assertThat(protocolErrors("unsupported_protocol_version")).isEqualTo(versionErrors);
        assertThat(MetricsScrape.ingested(shared.collector().http(), "oversize"))
                .isEqualTo(oversizeMessages);
    }

    @Test
    void oversizeMqtt311ConnectIsClosedWithoutAnAnswerAndCountedAsSuch() throws Exception {
        double tooLarge = connects("packet_too_large");
        double versionErrors = protocolErrors("unsupported_protocol_version");

        byte[] answer = exchange(oversizeConnectStart(4));

        assertThat(answer)
                .as("MQTT 3.1.1 has no code for it: the connection is closed")
                .isEmpty();
        assertThat(connects("packet_too_large")).isEqualTo(tooLarge + 1);
        assertThat(protocolErrors("unsupported_protocol_version")).isEqualTo(versionErrors);
    }

    @Test
    void mqtt31IsRefusedAsAnUnacceptableProtocolVersion() throws Exception {
        double versionErrors = protocolErrors("unsupported_protocol_version");
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        variable.writeBytes(string("MQIsdp"));
        variable.writeBytes(new byte[] {3, (byte) 0xC2, 0, 30});
        variable.writeBytes(string("c1"));
        variable.writeBytes(string(SITE));
        variable.writeBytes(string(shared.token()));

        byte[] answer = exchange(packet(0x10, variable.toByteArray()));

        assertThat(answer).as("CONNACK 0x01 unacceptable protocol version").containsExactly(0x20, 0x02, 0x00, 0x01);
        assertThat(protocolErrors("unsupported_protocol_version")).isEqualTo(versionErrors + 1);
    }

    @Test
    void mqtt311DisconnectWithAPayloadIsMalformedClosesAndPublishesTheWill() throws Exception {
        double malformed = protocolErrors("malformed_packet");
        double accepted = MetricsScrape.ingested(shared.collector().http(), "accepted");
        byte[] will = ("{\"schema_version\": 1, \"site\": \"" + SITE + "\", \"state\": \"offline\", \"time\": \""
                        + Instant.now() + "\", \"agent_version\": \"0.1.0\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (MqttTestClient client = MqttTestClient.open(shared.collector().mqtt(), MqttVersion.MQTT_3_1_1)) {
            client.send(MqttMessageBuilders.connect()
                    .clientId("will-client")
                    .protocolVersion(MqttVersion.MQTT_3_1_1)
                    .username(SITE)
                    .password(shared.token().getBytes(StandardCharsets.UTF_8))
                    .keepAlive(30)
                    .cleanSession(true)
                    .willFlag(true)
                    .willTopic("hashfence/v1/" + SITE + "/status")
                    .willMessage(will)
                    .willQoS(MqttQoS.AT_LEAST_ONCE)
                    .build());
            assertThat(client.connAck().variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.sendRaw(new byte[] {(byte) 0xE0, 0x02, 0x00, 0x00});
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(protocolErrors("malformed_packet")).isEqualTo(malformed + 1);
        Await.until(
                "the Will is processed as for any connection closed for an error",
                () -> MetricsScrape.ingested(shared.collector().http(), "accepted") == accepted + 1);
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void subscribeWithoutTopicFiltersIsAProtocolError(MqttVersion version) throws Exception {
        double errors = protocolErrors("no_topic_filters");
        try (MqttTestClient client = connected(version)) {
            client.sendRaw(
                    version == MqttVersion.MQTT_5
                            ? new byte[] {(byte) 0x82, 0x03, 0x00, 0x01, 0x00}
                            : new byte[] {(byte) 0x82, 0x02, 0x00, 0x01});
            if (version == MqttVersion.MQTT_5) {
                assertThat(disconnectReason(client.await(MqttMessageType.DISCONNECT)))
                        .isEqualTo((byte) 0x82);
            }
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(protocolErrors("no_topic_filters")).isEqualTo(errors + 1);
    }

    @Test
    void mqtt5ConnectWithAnEmptyClientIdIsAssignedOneAndKeepsItsOwnSession() throws Exception {
        double takeovers = MetricsScrape.sample(shared.collector().http(), "hashfence_mqtt_sessions_taken_over_total");
        try (MqttTestClient first = MqttTestClient.open(shared.collector().mqtt(), MqttVersion.MQTT_5);
                MqttTestClient second = MqttTestClient.open(shared.collector().mqtt(), MqttVersion.MQTT_5)) {
            String firstId = assignedClientId(first);
            String secondId = assignedClientId(second);
            assertThat(firstId).isNotBlank().isNotEqualTo(secondId);
            assertThat(secondId).isNotBlank();
            first.publish(
                    TestTelemetry.topic(SITE, "rig-empty-id"),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-empty-id", 1)),
                    MqttQoS.AT_LEAST_ONCE);
            assertThat(pubAckReason(first.await(MqttMessageType.PUBACK))).isZero();
        }
        assertThat(MetricsScrape.sample(shared.collector().http(), "hashfence_mqtt_sessions_taken_over_total"))
                .isEqualTo(takeovers);
    }

    @Test
    void mqtt311EmptyClientIdWithoutCleanSessionIsRejected() throws Exception {
        double rejected = protocolErrors("identifier_rejected");
        try (MqttTestClient client = MqttTestClient.open(shared.collector().mqtt(), MqttVersion.MQTT_3_1_1)) {
            client.send(MqttMessageBuilders.connect()
                    .clientId("")
                    .protocolVersion(MqttVersion.MQTT_3_1_1)
                    .username(SITE)
                    .password(shared.token().getBytes(StandardCharsets.UTF_8))
                    .keepAlive(30)
                    .cleanSession(false)
                    .build());
            assertThat(client.connAck().variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(protocolErrors("identifier_rejected")).isEqualTo(rejected + 1);
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void qos0PublishWithDupSetIsMalformed(MqttVersion version) throws Exception {
        double malformed = protocolErrors("malformed_packet");
        double accepted = MetricsScrape.ingested(shared.collector().http(), "accepted");
        try (MqttTestClient client = connected(version)) {
            client.send(new MqttPublishMessage(
                    new MqttFixedHeader(MqttMessageType.PUBLISH, true, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttPublishVariableHeader(TestTelemetry.topic(SITE, "rig-dup"), 0),
                    Unpooled.wrappedBuffer(TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-dup", 1)))));
            if (version == MqttVersion.MQTT_5) {
                assertThat(disconnectReason(client.await(MqttMessageType.DISCONNECT)))
                        .isEqualTo((byte) 0x81);
            }
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(protocolErrors("malformed_packet")).isEqualTo(malformed + 1);
        assertThat(MetricsScrape.ingested(shared.collector().http(), "accepted"))
                .isEqualTo(accepted);
        assertThat(shared.collector().get("/api/v1/rigs/" + SITE + "/rig-dup").statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotAndDotDotAreNoRigIds(String rig) throws Exception {
        double unknownTopic = MetricsScrape.ingested(shared.collector().http(), "unknown_topic");
        try (MqttTestClient client = connected(MqttVersion.MQTT_5)) {
            client.publish(
                    TestTelemetry.topic(SITE, rig),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, rig, 1)),
                    MqttQoS.AT_LEAST_ONCE);
            assertThat(pubAckReason(client.await(MqttMessageType.PUBACK))).isEqualTo((byte) 0x90);
        }
        assertThat(MetricsScrape.ingested(shared.collector().http(), "unknown_topic"))
                .isEqualTo(unknownTopic + 1);
        assertThat(shared.collector().get("/api/v1/rigs?site=" + SITE).body())
                .doesNotContain("\"rig\":\"" + rig + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void dotAndDotDotAreNoSiteIds(String site) {
        assertThatThrownBy(() -> shared.collector().addSite(site))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not be . or ..");
    }

    private static MqttTestClient connected(MqttVersion version) throws InterruptedException {
        return MqttTestClient.accepted(shared.collector().mqtt(), version, SITE, shared.token());
    }

    private static String assignedClientId(MqttTestClient client) throws InterruptedException {
        client.send(MqttMessageBuilders.connect()
                .clientId("")
                .protocolVersion(MqttVersion.MQTT_5)
                .username(SITE)
                .password(shared.token().getBytes(StandardCharsets.UTF_8))
                .keepAlive(30)
                .cleanSession(true)
                .build());
        MqttConnAckMessage connAck = client.connAck();
        assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        MqttProperties.MqttProperty<?> assigned = connAck.variableHeader()
                .properties()
                .getProperty(MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value());
        assertThat(assigned).as("Assigned Client Identifier in CONNACK").isNotNull();
        return (String) assigned.value();
    }

    /** The first bytes of a CONNECT that claims one byte more than the limit, in MQTT 3.1.1 (4) or 5. */
    private static byte[] oversizeConnectStart(int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x10);
        bytes.writeBytes(remainingLength(MAX_MESSAGE_BYTES + 1));
        bytes.writeBytes(string("MQTT"));
        bytes.writeBytes(new byte[] {(byte) level, (byte) 0xC2, 0, 30});
        return bytes.toByteArray();
    }

    /** Sends the bytes on a new connection and reads everything the collector answers until it closes. */
    private static byte[] exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", shared.collector().mqtt().getPort())) {
            socket.setSoTimeout((int) Await.PATIENCE.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return socket.getInputStream().readAllBytes();
        }
    }

    private static byte[] packet(int firstByte, byte[] rest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(firstByte);
        bytes.writeBytes(remainingLength(rest.length));
        bytes.writeBytes(rest);
        return bytes.toByteArray();
    }

    private static byte[] remainingLength(int length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int left = length;
        do {
            int digit = left % 128;
            left /= 128;
            bytes.write(left > 0 ? digit | 0x80 : digit);
        } while (left > 0);
        return bytes.toByteArray();
    }

    private static byte[] string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(utf8.length >> 8);
        bytes.write(utf8.length & 0xFF);
        bytes.writeBytes(utf8);
        return bytes.toByteArray();
    }

    private static double connects(String result) throws Exception {
        return MetricsScrape.sample(
                shared.collector().http(), "hashfence_mqtt_connects_total{result=\"" + result + "\"}");
    }

    private static double protocolErrors(String kind) throws Exception {
        return MetricsScrape.sample(
                shared.collector().http(), "hashfence_mqtt_protocol_errors_total{kind=\"" + kind + "\"}");
    }

    private static byte pubAckReason(MqttMessage pubAck) {
        return pubAck.variableHeader() instanceof MqttPubReplyMessageVariableHeader header ? header.reasonCode() : 0;
    }

    private static byte disconnectReason(MqttMessage disconnect) {
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode();
    }
}
