package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy file edit takes effect on every rig; a bad edit is refused and the last good policy stays. */
class PolicyReloadTest {
    private static final String RIG_STATE =
            "hashfence_rig_compliance_state{rig=\"m30-0001\",site=\"kz-01\",state=\"%s\"}";

    @TempDir
    Path dir;

    @Test
    void editingThePolicyFileReJudgesEveryRigAndABadEditIsRefused() throws Exception {
        Path policy = dir.resolve("policy.yml");
        write(policy, "include: [ofac-comprehensive]\n");
        try (RunningCollector collector =
                new RunningCollector(dir.resolve("data"), config -> config.withPolicyFile(policy))) {
            String token = collector.addSite("kz-01");
            try (MqttTestClient agent =
                    MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_3_1_1, "kz-01", token)) {
                agent.connAck();
                agent.publish(
                        TestTelemetry.topic("kz-01", "m30-0001"),
                        TestTelemetry.bytes(TestTelemetry.at("kz-01", "m30-0001", 1, 43.25, 76.95)),
                        MqttQoS.AT_LEAST_ONCE);
                agent.await(MqttMessageType.PUBACK);
            }
            assertThat(MetricsScrape.sample(collector.http(), String.format(RIG_STATE, "compliant")))
                    .isEqualTo(1);

            write(
                    policy,
                    "include: [ofac-comprehensive]\nrestricted:\n  - code: KZ\n    severity: warning\n"
                            + "    reason: exit Kazakhstan by 2027\n");
            Await.until(
                    "the edit is applied",
                    () -> MetricsScrape.sample(collector.http(), String.format(RIG_STATE, "violation")) == 1);
            // The rig's state is set a moment before its alert is raised: wait for the alert as well.
            Await.until(
                    "the alert is raised",
                    () -> collector.get("/api/v1/alerts").body().contains("exit Kazakhstan by 2027"));
            assertThat(collector.get("/api/v1/alerts").body()).contains("\"severity\":\"warning\"");

            double invalidBefore =
                    MetricsScrape.sample(collector.http(), "hashfence_policy_reloads_total{result=\"invalid\"}");
            write(policy, "include: [ofac-comprehensive]\nrestricted:\n  - code: KZ\n    severity: extreme\n");
            Await.until(
                    "the bad edit is counted",
                    () -> MetricsScrape.sample(collector.http(), "hashfence_policy_reloads_total{result=\"invalid\"}")
                            == invalidBefore + 1);
            assertThat(MetricsScrape.sample(collector.http(), String.format(RIG_STATE, "violation")))
                    .as("the last good policy stays in force")
                    .isEqualTo(1);

            write(policy, "include: [ofac-comprehensive]\n");
            assertThat(collector.collector().reloadPolicy())
                    .as("SIGHUP's reload")
                    .isTrue();
            // The reload re-judges the rigs on the timers thread: wait for it rather than race it.
            Await.until(
                    "the rig is compliant again",
                    () -> MetricsScrape.sample(collector.http(), String.format(RIG_STATE, "compliant")) == 1);
        }
    }

    /** Writes and bumps the modification time, so that the change is seen even within one timestamp tick. */
    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusMillis(System.nanoTime() % 1000)));
    }
}
