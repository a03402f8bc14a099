package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate check outlives the collector: a (site, rig, seq) acknowledged by one run is a duplicate for
 * the next on the same data directory. (The SIGKILL case runs the jar: system-tests' DuplicatesAfterCrashIT.)
 */
class DuplicatesAcrossRestartsTest {
    private static final String SITE = "restart-site";
    private static final String RIG = "s19-0001";

    @TempDir
    Path dataDir;

    @Test
    void aResendAfterARestartIsADuplicateAndANewNumberIsAccepted() throws Exception {
        String token;
        try (RunningCollector first = new RunningCollector(dataDir)) {
            token = first.addSite(SITE);
            assertThat(publishQos1(first, token, 42)).isZero();
        }
        try (RunningCollector second = new RunningCollector(dataDir)) {
            assertThat(publishQos1(second, token, 42)).as("PUBACK success").isZero();
            assertThat(MetricsScrape.ingested(second.http(), "duplicate")).isEqualTo(1);
            assertThat(MetricsScrape.ingested(second.http(), "accepted")).isZero();
            String rig = second.get("/api/v1/rigs/" + SITE + "/" + RIG).body();
            assertThat(rig)
                    .as("no state change: the rig is known from the snapshot, down until it sends something new")
                    .contains("\"up\":false")
                    .contains("\"seq\":42");

            assertThat(publishQos1(second, token, 43)).isZero();
            assertThat(MetricsScrape.ingested(second.http(), "accepted")).isEqualTo(1);
        }
    }

    @Test
    void aQos1ResendOfAQos0MessageIsRememberedToo() throws Exception {
        String token;
        try (RunningCollector first = new RunningCollector(dataDir)) {
            token = first.addSite(SITE);
            try (MqttTestClient client = connected(first, token)) {
                client.publish(
                        TestTelemetry.topic(SITE, RIG),
                        TestTelemetry.bytes(TestTelemetry.message(SITE, RIG, 7)),
                        MqttQoS.AT_MOST_ONCE);
                client.publish(
                        TestTelemetry.topic(SITE, RIG),
                        TestTelemetry.bytes(TestTelemetry.message(SITE, RIG, 7)),
                        MqttQoS.AT_LEAST_ONCE);
                assertThat(reasonCode(client.await(MqttMessageType.PUBACK))).isZero();
            }
            assertThat(MetricsScrape.ingested(first.http(), "duplicate")).isEqualTo(1);
        }
        try (RunningCollector second = new RunningCollector(dataDir)) {
            assertThat(publishQos1(second, token, 7)).isZero();
            assertThat(MetricsScrape.ingested(second.http(), "duplicate")).isEqualTo(1);
        }
    }

    private static byte publishQos1(RunningCollector collector, String token, long seq) throws Exception {
        try (MqttTestClient client = connected(collector, token)) {
            client.publish(
                    TestTelemetry.topic(SITE, RIG),
                    TestTelemetry.bytes(TestTelemetry.message(SITE, RIG, seq)),
                    MqttQoS.AT_LEAST_ONCE);
            return reasonCode(client.await(MqttMessageType.PUBACK));
        }
    }

    private static MqttTestClient connected(RunningCollector collector, String token) throws Exception {
        return MqttTestClient.accepted(collector.mqtt(), MqttVersion.MQTT_5, SITE, token);
    }

    private static byte reasonCode(MqttMessage pubAck) {
        return pubAck.variableHeader() instanceof MqttPubReplyMessageVariableHeader header ? header.reasonCode() : 0;
    }
}
