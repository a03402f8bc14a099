package io.hashfence.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertJson;
import io.hashfence.collector.testing.CollectorCli;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log through the running collector: what it records, and what a restart rebuilds from it. */
class AuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void theLogRecordsARigsStoryAndARestartRebuildsOpenAlertsWithoutNotifyingAgain() throws Exception {
        String token;
        List<String> openBefore;
        try (RunningCollector collector =
                new RunningCollector(dir, c -> c.withAlerts(c.alerts().withResolveAfter(Duration.ZERO)))) {
            token = collector.addSite("shell-co");
            try (MqttTestClient agent = connect(collector, "shell-co", token)) {
                agent.publishAcknowledged(TestTelemetry.at("shell-co", "s19-0001", 1, 52.29, 104.29));
                agent.publishAcknowledged(TestTelemetry.at("shell-co", "s19-0002", 1, 44.95, 34.10));
                agent.publishAcknowledged(TestTelemetry.at("shell-co", "s19-0002", 2, 44.96, 34.11));
            }
            openBefore = collector.collector().alerts().firing().stream()
                    .map(Alert::id)
                    .sorted()
                    .toList();
            assertThat(openBefore).isNotEmpty();
        }
        List<AuditEvent> events = read();
        assertThat(events)
                .extracting(e -> e.type().label())
                .startsWith("policy_loaded")
                .contains("rig_first_seen", "alert_opened", "relocated");
        AuditEvent irkutsk = events.stream()
                .filter(e -> e.type() == EventType.RIG_FIRST_SEEN && "s19-0001".equals(e.rig()))
                .findFirst()
                .orElseThrow();
        assertThat(irkutsk.data().get("subdivision").asText()).isEqualTo("RU-IRK");
        assertThat(irkutsk.data().get("state").asText()).isEqualTo("violation");

        try (RunningCollector restarted =
                new RunningCollector(dir, c -> c.withAlerts(c.alerts().withResolveAfter(Duration.ZERO)))) {
            assertThat(restarted.collector().alerts().firing().stream()
                            .map(Alert::id)
                            .sorted()
                            .toList())
                    .isEqualTo(openBefore);
            try (MqttTestClient agent = connect(restarted, "shell-co", token)) {
                agent.publishAcknowledged(TestTelemetry.at("shell-co", "s19-0001", 2, 52.29, 104.29));
                agent.publishAcknowledged(TestTelemetry.at("shell-co", "s19-0003", 1, 43.25, 76.95));
                agent.publishAcknowledged(TestTelemetry.at("shell-co", "s19-0004", 1, 35.69, 51.39));
            }
        }
        long highestBefore = events.stream()
                .filter(e -> e.type() == EventType.ALERT_OPENED)
                .mapToLong(e -> AlertJson.number(e.data().get("id").asText()))
                .max()
                .orElseThrow();
        List<AuditEvent> after = read().subList(events.size(), read().size());
        assertThat(after)
                .filteredOn(e -> e.type() == EventType.ALERT_OPENED)
                .allSatisfy(e -> assertThat(AlertJson.number(e.data().get("id").asText()))
                        .as("alert ids are never reused after a restart")
                        .isGreaterThan(highestBefore));
        assertThat(after)
                .extracting(e -> e.type().label() + " " + e.rig())
                .contains("policy_loaded null", "rig_first_seen s19-0003")
                .doesNotContain("rig_first_seen s19-0001", "alert_opened s19-0001");
    }

    @Test
    void acknowledgingAnAlertOverHttpIsRecordedInTheLog() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("ack-site");
            try (MqttTestClient agent = connect(collector, "ack-site", token)) {
                agent.publishAcknowledged(TestTelemetry.at("ack-site", "rig-1", 1, 39.03, 125.75));
            }
            String id = collector.collector().alerts().firing().get(0).id();
            URI ackUri = URI.create("http://127.0.0.1:" + collector.http().getPort() + "/api/v1/alerts/" + id + "/ack");
            HttpResponse<String> anonymous = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(ackUri)
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"hashfence\"");
            HttpResponse<String> wrong = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(ackUri)
                                    .header("Authorization", "Bearer hfapi_wrong")
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            String bearer = "Bearer " + collector.apiToken();
            HttpResponse<String> ack = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(ackUri)
                                    .header("Authorization", bearer)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"compliance officer\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(ack.body())
                    .contains("\"acknowledged_by\":\"compliance officer\"")
                    .contains("\"country\":\"KP\"");
            HttpResponse<String> bad = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(ackUri)
                                    .header("Authorization", bearer)
                                    .POST(HttpRequest.BodyPublishers.ofString("[1]"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                    + collector.http().getPort() + "/api/v1/alerts/alert-99/ack"))
                                            .header("Authorization", bearer)
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(404);
            assertThat(Files.getPosixFilePermissions(dir.resolve("api-token")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(read())
                .filteredOn(e -> e.type() == EventType.ALERT_ACKNOWLEDGED)
                .singleElement()
                .satisfies(e ->
                        assertThat(e.data().get("acknowledged_by").asText()).isEqualTo("compliance officer"));
    }

    @Test
    void verifySaysOkOnAnIntactLogAndNamesTheFirstBadRecordOtherwise() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("v-site");
            try (MqttTestClient agent = connect(collector, "v-site", token)) {
                for (int i = 1; i <= 3; i++) {
                    agent.publishAcknowledged(TestTelemetry.at("v-site", "rig-" + i, 1, 35.69, 51.39));
                }
            }
        }
        CollectorCli.Result ok = verify();
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).startsWith("OK: ").contains("chain intact");

        Path file = dir.resolve(EventLog.FILE_NAME);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"rig-1\"", "\"rig-9\""));
        Files.write(file, lines);
        CollectorCli.Result broken = verify();
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN: record 3 (line 3): hash mismatch");
    }

    private CollectorCli.Result verify() {
        return CollectorCli.run("verify", "--data-dir", dir.toString());
    }

    private List<AuditEvent> read() throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        ChainVerifier.read(dir.resolve(EventLog.FILE_NAME), events::add);
        return events;
    }

    private static MqttTestClient connect(RunningCollector collector, String site, String token)
            throws InterruptedException {
        MqttTestClient agent = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, site, token);
        agent.connAck();
        return agent;
    }
}
