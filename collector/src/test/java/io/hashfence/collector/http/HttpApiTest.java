package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiTest {
    @TempDir
    static Path dataDir;

    static RunningCollector collector;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector(dataDir);
        token = collector.addSite("norway-01");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void rigAppearsInApiAndMetricsAndGoesDownWhenItsAgentDisconnects() throws Exception {
        try (MqttTestClient agent = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "norway-01", token)) {
            agent.connAck();
            agent.publish(
                    TestTelemetry.topic("norway-01", "s21-0001"),
                    TestTelemetry.bytes(TestTelemetry.message("norway-01", "s21-0001", 5)),
                    MqttQoS.AT_LEAST_ONCE);
            agent.await(MqttMessageType.PUBACK);
            String rigs = collector.get("/api/v1/rigs").body();
            assertThat(rigs)
                    .contains("\"count\":1")
                    .contains("\"rig\":\"s21-0001\"")
                    .contains("\"up\":true");
            assertThat(MetricsScrape.sample(collector.http(), "hashfence_rig_up{rig=\"s21-0001\",site=\"norway-01\"}"))
                    .isEqualTo(1);
            assertThat(MetricsScrape.sample(
                            collector.http(), "hashfence_rig_power_watts{rig=\"s21-0001\",site=\"norway-01\"}"))
                    .isEqualTo(3247.5);
        }
        Await.until(
                "the rig is down",
                () -> MetricsScrape.sample(collector.http(), "hashfence_rig_up{rig=\"s21-0001\",site=\"norway-01\"}")
                        == 0);
        assertThat(collector.get("/api/v1/rigs/norway-01/s21-0001").body()).contains("\"connected\":false");
    }

    @Test
    void errorsAreJsonWithAStatusAndAMessage() throws Exception {
        HttpResponse<String> missing = collector.get("/api/v1/rigs/norway-01/none");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(missing.body()).contains("no rig norway-01/none");
        assertThat(MetricsScrape.get(collector.http(), "/nothing-here").statusCode())
                .isEqualTo(404);
        assertThat(collector.get("/api/v1/rigs?site=bad%20site").statusCode()).isEqualTo(400);
        HttpResponse<String> post = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + collector.http().getPort() + "/metrics"))
                                .POST(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void metricsAreInPrometheusTextFormatWithJvmMetrics() throws Exception {
        HttpResponse<String> metrics = MetricsScrape.get(collector.http(), "/metrics");
        assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("# TYPE hashfence_ingest_messages_total counter")
                .contains("jvm_memory_used_bytes");
    }
}
