package io.hashfence.collector.store;

import static io.hashfence.collector.store.SharedStoreCollectors.awaitAccepted;
import static io.hashfence.collector.store.SharedStoreCollectors.sites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.testing.Alertmanager;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.collector.testing.WebhookReceiver;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert book shared by two collectors on one real PostgreSQL ({@link PostgresExtension}), with a real
 * Alertmanager and a webhook receiver behind both: a rig in Irkutsk Oblast raises its alert on the first; when its
 * site moves to the second, that one adopts the firing alert instead of opening and notifying it again, and the
 * reminders both send carry the same labels, so Alertmanager lists the alert once.
 */
class SharedAlertsAcrossCollectorsTest {
    private static final String SITE = "siberia-shared";

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    @Test
    void aSiteThatMovesKeepsItsFiringAlertWithoutANewNotification() throws Exception {
        try (Alertmanager alertmanager = Alertmanager.start(dir);
                WebhookReceiver receiver = WebhookReceiver.start()) {
            URI base = alertmanager.url();
            URI hook = receiver.url();
            List<JsonNode> webhook = receiver.received();
            try (RunningCollector one =
                            SharedStoreCollectors.start(postgres, dir, "one", c -> alerting(c, base, hook));
                    RunningCollector two =
                            SharedStoreCollectors.start(postgres, dir, "two", c -> alerting(c, base, hook))) {
                String token = sites(postgres, "add", SITE);
                try (MqttTestClient agent = awaitAccepted(one, SITE, token)) {
                    agent.publishAcknowledged(TestTelemetry.at(SITE, "s19-0001", 1, 52.29, 104.29));
                }
                Await.until("the webhook has the alert", () -> webhook.size() >= 1);
                String id = webhook.get(0).at("/alert/id").asText();
                assertThat(id)
                        .as("ids name the node, so two collectors never give the same")
                        .startsWith("alert-one-");
                Await.until(
                        "the firing alert is in the shared store",
                        () -> storedAlertIds().contains(id));

                try (MqttTestClient moved = awaitAccepted(two, SITE, token)) {
                    moved.publishAcknowledged(TestTelemetry.at(SITE, "s19-0001", 2, 52.29, 104.29));
                }
                assertThat(two.collector().alerts().firing())
                        .extracting(Alert::id)
                        .as("adopted under its id, still firing on the same evidence")
                        .containsExactly(id);
                assertThat(Files.readString(dir.resolve("two").resolve("events.log")))
                        .as("the second collector opened no alert of its own")
                        .doesNotContain("alert_opened");

                String fromTwo = ":" + two.http().getPort() + "/";
                Await.until(
                        "Alertmanager has the second collector's reminder of the adopted alert",
                        () -> alertmanager.activeFor("s19-0001").stream()
                                .anyMatch(alert ->
                                        alert.get("generatorURL").asText().contains(fromTwo)));
                assertThat(alertmanager.activeFor("s19-0001"))
                        .as("one alert in Alertmanager: both collectors send the same labels")
                        .hasSize(1);
                assertThat(webhook)
                        .extracting(n -> n.get("notification_id").asText())
                        .as("notified once, by the first collector")
                        .containsExactly(id + "-firing");

                try (MqttTestClient moved = awaitAccepted(two, SITE, token)) {
                    moved.publishAcknowledged(TestTelemetry.at(SITE, "s19-0001", 3, 43.25, 76.95));
                }
                Await.until(
                        "the resolution reaches the webhook",
                        () -> webhook.stream()
                                .anyMatch(n -> "resolved".equals(n.get("status").asText())));
                assertThat(webhook)
                        .filteredOn(n -> n.at("/alert/id").asText().equals(id))
                        .extracting(n -> n.get("notification_id").asText())
                        .as("resolved by the collector the site moved to, once")
                        .containsExactly(id + "-firing", id + "-resolved");
                Await.until(
                        "the shared store no longer holds it",
                        () -> !storedAlertIds().contains(id));
                Await.until(
                        "Alertmanager no longer lists it as active",
                        () -> alertmanager.activeFor("s19-0001").stream()
                                .noneMatch(alert -> "RU-IRK"
                                        .equals(alert.at("/labels/subdivision").asText())));
            }
        }
    }

    @Test
    void aRigHeldInViolationStaysHeldOnTheCollectorItsSiteMovesTo() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            UnaryOperator<CollectorConfig> webhookOnly = config -> config.withAlerts(
                    config.alerts().withWebhook(receiver.url()).withResolveAfter(Duration.ZERO));
            try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "held-one", webhookOnly);
                    RunningCollector two = SharedStoreCollectors.start(postgres, dir, "held-two", webhookOnly)) {
                String token = sites(postgres, "add", "teleporting-site");
                try (MqttTestClient agent = awaitAccepted(one, "teleporting-site", token)) {
                    agent.publishAcknowledged(TestTelemetry.at("teleporting-site", "rig-t", 1, 52.29, 104.29));
                }
                String id = Await.value(
                        "the violation alert in the shared store",
                        () -> storedAlertIds().stream()
                                .filter(stored -> stored.startsWith("alert-held-one-"))
                                .findFirst());
                try (MqttTestClient moved = awaitAccepted(two, "teleporting-site", token)) {
                    // Irkutsk to Texas at once, reported through the other collector: no credible move
                    moved.publishAcknowledged(TestTelemetry.at("teleporting-site", "rig-t", 2, 31.97, -102.08));
                }
                assertThat(two.collector().alerts().firing())
                        .filteredOn(alert -> alert.type() == AlertType.IN_RESTRICTED_JURISDICTION)
                        .extracting(Alert::id, Alert::subdivision)
                        .as("held in Irkutsk Oblast, as after a restart, not released by the first claim elsewhere")
                        .containsExactly(tuple(id, "RU-IRK"));
                assertThat(receiver.received())
                        .extracting(n -> n.get("status").asText() + " "
                                + n.at("/alert/alertname").asText())
                        .as("nothing resolved")
                        .doesNotContain("resolved RigInRestrictedJurisdiction");
            }
        }
    }

    private static CollectorConfig alerting(CollectorConfig config, URI alertmanager, URI webhook) {
        AlertConfig alerts = config.alerts()
                .withAlertmanager(alertmanager)
                .withWebhook(webhook)
                .withResolveAfter(Duration.ZERO);
        // Any speed is plausible, so that the move to Almaty is credible and resolves the alert.
        ComplianceConfig anySpeed =
                new ComplianceConfig(null, Duration.ofHours(1), 1e12, 1.0, 20, null, Duration.ofSeconds(30));
        return config.withCompliance(anySpeed)
                .withAlerts(new AlertConfig(
                        alerts.dwell(),
                        alerts.resolveAfter(),
                        alerts.relocatedHold(),
                        alerts.maxNotificationsPerRigPerHour(),
                        alerts.alertmanager(),
                        alerts.webhook(),
                        Duration.ofSeconds(1),
                        alerts.sinkTimeout(),
                        alerts.webhookAttempts()));
    }

    private static List<String> storedAlertIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM open_alert")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
