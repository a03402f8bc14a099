package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A line break in anything a client sends (topic, client id, an acknowledger's name) shows escaped in the
 * collector's log line, so it cannot end the line and forge the next one.
 */
class LogInjectionTest {
    private static final String FORGED = "\n2026-12-06T00:00:00.000Z ERROR Collector - FORGED";
    private static final String ESCAPED = "\\n2026-12-06T00:00:00.000Z ERROR Collector - FORGED";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
    }

    @Test
    void aLineBreakInATopicIsEscaped() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("site-a");
            try (MqttTestClient client = connected(collector, "site-a", token, "agent-1")) {
                client.publish(
                        "hashfence/v1/site-a/rig-1" + FORGED + "/telemetry",
                        TestTelemetry.bytes(TestTelemetry.message("site-a", "rig-1", 1)),
                        MqttQoS.AT_LEAST_ONCE);
                client.await(MqttMessageType.PUBACK);
            }
            assertOnlyEscapedForgeries("refused message from site site-a on hashfence/v1/site-a/rig-1" + ESCAPED);
        }
    }

    @Test
    void aLineBreakInAClientIdIsEscaped() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("site-a");
            try (MqttTestClient first = connected(collector, "site-a", token, "agent" + FORGED);
                    MqttTestClient second = connected(collector, "site-a", token, "agent" + FORGED)) {
                assertThat(first.awaitClosed()).as("taken over").isTrue();
                assertThat(second.isOpen()).isTrue();
            }
            Await.until("the take-over is logged", () -> forgeries().size() == 1);
            assertOnlyEscapedForgeries("taken over by a new connection with client id agent" + ESCAPED);
        }
    }

    @Test
    void aLineBreakInTheAcknowledgersNameIsEscaped() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("site-a");
            try (MqttTestClient client = connected(collector, "site-a", token, "agent-1")) {
                client.publish(
                        TestTelemetry.topic("site-a", "rig-1"),
                        TestTelemetry.bytes(TestTelemetry.at("site-a", "rig-1", 1, 39.03, 125.75)),
                        MqttQoS.AT_LEAST_ONCE);
                client.await(MqttMessageType.PUBACK);
            }
            String id = collector.collector().alerts().firing().get(0).id();
            HttpResponse<String> ack = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + collector.http().getPort() + "/api/v1/alerts/" + id + "/ack"))
                                    .header("Authorization", "Bearer " + collector.apiToken())
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"by\": \"officer\\n2026-12-06T00:00:00.000Z ERROR"
                                                    + " Collector - FORGED\"}",
                                            StandardCharsets.UTF_8))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ack.statusCode()).isEqualTo(200);
            assertOnlyEscapedForgeries("acknowledged by officer" + ESCAPED);
        }
    }

    private static MqttTestClient connected(RunningCollector collector, String site, String token, String clientId)
            throws InterruptedException {
        MqttTestClient client = MqttTestClient.open(collector.mqtt(), MqttVersion.MQTT_5);
        client.send(MqttMessageBuilders.connect()
                .clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_5)
                .username(site)
                .password(token.getBytes(StandardCharsets.UTF_8))
                .keepAlive(30)
                .cleanSession(true)
                .build());
        assertThat(client.connAck().variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return client;
    }

    private List<String> forgeries() {
        synchronized (log) {
            return log.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("FORGED"))
                    .toList();
        }
    }

    private void assertOnlyEscapedForgeries(String expected) {
        List<String> lines = forgeries();
        assertThat(lines)
                .as("log lines that carry the client's text")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"))
                .anySatisfy(line -> assertThat(line).contains(expected));
    }
}
