package io.hashfence.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A webhook receiver that fails, then recovers, gets every transition exactly once, in order. */
class WebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aReceiverThatFailsThenRecoversGetsEveryNotificationExactlyOnce() throws Exception {
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refusalsLeft = new AtomicInteger(3);
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (refusalsLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                accepted.add(JSON.readTree(body));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        try (RunningCollector collector = new RunningCollector(
                dir,
                config -> config.withAlerts(config.alerts().withWebhook(hook).withResolveAfter(Duration.ZERO)))) {
            String token = collector.addSite("holding-07");
            collector.publishAs(
                    "holding-07",
                    token,
                    TestTelemetry.at("holding-07", "m50-0001", 1, 35.69, 51.39),
                    TestTelemetry.at("holding-07", "m50-0001", 2, 43.25, 76.95));
            // Tehran to Almaty within milliseconds: no credible move, so the violation holds (at Tehran), and
            // the jump out of a restricted place is a conflict and a spoofing suspicion, each an alert of its own.
            Await.until("all three transitions delivered", () -> accepted.size() >= 3);
            // Nothing to wait for: no fourth notification (a duplicate) may follow in this time.
            Thread.sleep(500);
            assertThat(accepted)
                    .extracting(n -> n.get("notification_id").asText())
                    .containsExactlyInAnyOrder("alert-1-firing", "alert-2-firing", "alert-3-firing");
            assertThat(accepted)
                    .extracting(n -> n.at("/alert/alertname").asText() + " "
                            + n.get("status").asText())
                    .containsExactly(
                            "RigInRestrictedJurisdiction firing",
                            "RigLocationUnverified firing",
                            "RigLocationSpoofSuspected firing");
            JsonNode alert = accepted.get(0).get("alert");
            assertThat(alert.get("country").asText()).isEqualTo("IR");
            assertThat(alert.get("rig").asText()).isEqualTo("m50-0001");
            assertThat(accepted.get(1).at("/alert/evidence").asText()).contains("impossible_travel");
            assertThat(accepted.get(2).at("/alert/severity").asText()).isEqualTo("critical");
            assertThat(accepted.get(2).at("/alert/country").asText())
                    .as("where the verdict holds the rig")
                    .isEqualTo("IR");
            assertThat(requests.get()).as("3 refused, then each of 3 once").isEqualTo(6);
            assertThat(MetricsScrape.sample(
                            collector.http(), "hashfence_alert_notifications_total{outcome=\"sent\",sink=\"webhook\"}"))
                    .isEqualTo(3);
            assertThat(MetricsScrape.sample(
                            collector.http(),
                            "hashfence_alert_notifications_total{outcome=\"failed\",sink=\"webhook\"}"))
                    .isZero();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void anUnreachableReceiverNeitherBlocksIngestNorLosesTheCount() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:9/hook");
        try (RunningCollector collector = new RunningCollector(
                dir, config -> config.withAlerts(config.alerts().withWebhook(nowhere)))) {
            String token = collector.addSite("holding-08");
            try (MqttTestClient agent =
                    MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "holding-08", token)) {
                agent.connAck();
                long started = System.nanoTime();
                for (int seq = 1; seq <= 20; seq++) {
                    agent.publishAcknowledged(TestTelemetry.at("holding-08", "rig-" + seq, seq, 35.69, 51.39));
                }
                // Delivering in line would cost each publish its 8 attempts' backoff, about 25 s; 20 s leaves a
                // loaded machine room for 20 acknowledged publishes and still tells the two apart.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            }
            assertThat(collector.collector().alerts().firing()).hasSize(20);
        }
    }
}
