package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.testing.CollectorWithBystander;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input, in MQTT 3.1.1 and 5: each gets its specific answer and its counter, and after
 * each one a bystander connection that was open all along still gets its telemetry accepted.
 */
class BadInputTest {
    private static final String SITE = "site-a";
    private static final String OTHER_SITE = "site-b";
    private static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;

    @RegisterExtension
    static final CollectorWithBystander shared = new CollectorWithBystander(SITE, OTHER_SITE);

    static Stream<Arguments> badPayloads() {
        return Stream.of(
                payload("malformed_json", m -> "{\"schema_version\": 1, \"site\": ".getBytes(StandardCharsets.UTF_8)),
                payload("missing_field", m -> {
                    m.remove("miner");
                    return TestTelemetry.bytes(m);
                }),
                payload("missing_field", m -> {
                    m.remove("hashrate_hs");
                    return TestTelemetry.bytes(m);
                }),
                payload(
                        "not_finite",
                        m -> new String(TestTelemetry.bytes(m), StandardCharsets.UTF_8)
                                .replace("\"lat\":30.6557", "\"lat\":NaN")
                                .getBytes(StandardCharsets.UTF_8)),
                payload("out_of_range", m -> {
                    ((ObjectNode) m.get("location")).put("lat", 91.0);
                    return TestTelemetry.bytes(m);
                }),
                payload("out_of_range", m -> {
                    ((ObjectNode) m.get("location")).put("lon", 180.5);
                    return TestTelemetry.bytes(m);
                }),
                payload("future_timestamp", m -> {
                    m.put("time", Instant.now().plus(Duration.ofMinutes(6)).toString());
                    return TestTelemetry.bytes(m);
                }),
                payload("unknown_schema_version", m -> {
                    m.put("schema_version", 2);
                    return TestTelemetry.bytes(m);
                }),
                payload("topic_mismatch", m -> {
                    m.put("rig", "someone-else");
                    return TestTelemetry.bytes(m);
                }));
    }

    private static Arguments payload(String outcome, Function<ObjectNode, byte[]> make) {
        return Arguments.of(outcome, make.apply(TestTelemetry.message(SITE, "rig-1", 1)));
    }

    @ParameterizedTest(name = "MQTT 5: {0}")
    @MethodSource("badPayloads")
    void mqtt5GetsPayloadFormatInvalidAndKeepsTheConnection(String outcome, byte[] payload) throws Exception {
        double before = MetricsScrape.ingested(shared.collector().http(), outcome);
        try (MqttTestClient client = connected(MqttVersion.MQTT_5)) {
            client.publish(TestTelemetry.topic(SITE, "rig-1"), payload, MqttQoS.AT_LEAST_ONCE);
            assertThat(reasonCode(client.await(MqttMessageType.PUBACK))).isEqualTo(PAYLOAD_FORMAT_INVALID);
            assertThat(client.isOpen()).isTrue();
        }
        assertThat(MetricsScrape.ingested(shared.collector().http(), outcome)).isEqualTo(before + 1);
    }

    @ParameterizedTest(name = "MQTT 3.1.1: {0}")
    @MethodSource("badPayloads")
    void mqtt311IsAcknowledgedSoItIsNotRedeliveredForeverButCounted(String outcome, byte[] payload) throws Exception {
        double before = MetricsScrape.ingested(shared.collector().http(), outcome);
        try (MqttTestClient client = connected(MqttVersion.MQTT_3_1_1)) {
            client.publish(TestTelemetry.topic(SITE, "rig-1"), payload, MqttQoS.AT_LEAST_ONCE);
            client.await(MqttMessageType.PUBACK);
        }
        assertThat(MetricsScrape.ingested(shared.collector().http(), outcome)).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void wrongTokenIsRefusedWithTheVersionsBadCredentialsCode(MqttVersion version) throws Exception {
        double before = MetricsScrape.sample(
                shared.collector().http(), "hashfence_mqtt_connects_total{result=\"bad_credentials\"}");
        try (MqttTestClient client = MqttTestClient.connect(shared.collector().mqtt(), version, SITE, "hf_wrong")) {
            assertThat(client.connAck().variableHeader().connectReturnCode())
                    .isEqualTo(
                            version == MqttVersion.MQTT_5
                                    ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            assertThat(client.awaitClosed()).isTrue();
        }
        try (MqttTestClient client =
                MqttTestClient.connect(shared.collector().mqtt(), version, "no-such-site", shared.token())) {
            assertThat(client.connAck().variableHeader().connectReturnCode())
                    .isNotEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        }
        assertThat(MetricsScrape.sample(
                        shared.collector().http(), "hashfence_mqtt_connects_total{result=\"bad_credentials\"}"))
                .isEqualTo(before + 2);
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void anotherSitesTopicIsRefused(MqttVersion version) throws Exception {
        double before = MetricsScrape.ingested(shared.collector().http(), "topic_not_authorized");
        try (MqttTestClient client = connected(version)) {
            client.publish(
                    TestTelemetry.topic(OTHER_SITE, "rig-1"),
                    TestTelemetry.bytes(TestTelemetry.message(OTHER_SITE, "rig-1", 1)),
                    MqttQoS.AT_LEAST_ONCE);
            if (version == MqttVersion.MQTT_5) {
                assertThat(reasonCode(client.await(MqttMessageType.PUBACK))).isEqualTo((byte) 0x87);
            } else {
                assertThat(client.awaitClosed()).isTrue();
            }
        }
        assertThat(MetricsScrape.ingested(shared.collector().http(), "topic_not_authorized"))
                .isEqualTo(before + 1);
        assertThat(shared.collector().get("/api/v1/rigs/site-b/rig-1").statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void oversizeMessageClosesTheConnection(MqttVersion version) throws Exception {
        double before = MetricsScrape.ingested(shared.collector().http(), "oversize");
        try (MqttTestClient client = connected(version)) {
            client.publish(TestTelemetry.topic(SITE, "rig-1"), new byte[64 * 1024 + 1], MqttQoS.AT_LEAST_ONCE);
            if (version == MqttVersion.MQTT_5) {
                MqttMessage disconnect = client.await(MqttMessageType.DISCONNECT);
                assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                        .isEqualTo((byte) 0x95);
            }
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(MetricsScrape.ingested(shared.collector().http(), "oversize"))
                .isEqualTo(before + 1);
    }

    @ParameterizedTest
    @EnumSource(
            value = MqttVersion.class,
            names = {"MQTT_3_1_1", "MQTT_5"})
    void garbageBytesCloseOnlyThatConnection(MqttVersion version) throws Exception {
        double before = MetricsScrape.sample(
                shared.collector().http(), "hashfence_mqtt_protocol_errors_total{kind=\"malformed_packet\"}");
        try (MqttTestClient client = connected(version)) {
            client.sendRaw(new byte[] {(byte) 0x30, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            assertThat(client.awaitClosed()).isTrue();
        }
        assertThat(MetricsScrape.sample(
                        shared.collector().http(), "hashfence_mqtt_protocol_errors_total{kind=\"malformed_packet\"}"))
                .isEqualTo(before + 1);
    }

    private static MqttTestClient connected(MqttVersion version) throws InterruptedException {
        return MqttTestClient.accepted(shared.collector().mqtt(), version, SITE, shared.token());
    }

    private static byte reasonCode(MqttMessage pubAck) {
        return pubAck.variableHeader() instanceof MqttPubReplyMessageVariableHeader header ? header.reasonCode() : 0;
    }
}
