package io.hashfence.collector.store;

import static io.hashfence.collector.store.SharedStoreCollectors.awaitAccepted;
import static io.hashfence.collector.store.SharedStoreCollectors.sites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.hashfence.testing.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledgement moves with its alert: an operator acknowledges a firing alert through the first collector's
 * API, the shared store keeps it with the alert, and the collector the site moves to adopts the alert acknowledged
 * by the same person at the same time, and lists it so.
 */
class SharedAcknowledgementsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "siberia-acked";

    @RegisterExtension
    static final PostgresExtension postgres = PostgresExtension.trusted();

    @TempDir
    Path dir;

    @Test
    void anAcknowledgedAlertStaysAcknowledgedOnTheCollectorItsSiteMovesTo() throws Exception {
        try (RunningCollector one = SharedStoreCollectors.start(postgres, dir, "ack-one");
                RunningCollector two = SharedStoreCollectors.start(postgres, dir, "ack-two")) {
            String token = sites(postgres, "add", SITE);
            try (MqttTestClient agent = awaitAccepted(one, SITE, token)) {
                agent.publishAcknowledged(TestTelemetry.at(SITE, "s19-0001", 1, 52.29, 104.29));
            }
            String id = Await.value(
                    "the violation alert fires on the first collector",
                    () -> one.collector().alerts().firing().stream()
                            .map(Alert::id)
                            .findFirst());
            Await.until("the firing alert is in the shared store", () -> storedAlert(id) != null);

            HttpResponse<String> ack = acknowledge(one, id, "{\"by\": \"duty officer\"}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            String acknowledgedAt =
                    JSON.readTree(ack.body()).get("acknowledged_at").asText();
            Await.until(
                    "the store holds the alert acknowledged",
                    () -> storedAlert(id) != null && storedAlert(id).has("acknowledged_by"));
            assertThat(storedAlert(id).get("acknowledged_at").asText()).isEqualTo(acknowledgedAt);

            try (MqttTestClient moved = awaitAccepted(two, SITE, token)) {
                moved.publishAcknowledged(TestTelemetry.at(SITE, "s19-0001", 2, 52.29, 104.29));
            }
            assertThat(two.collector().alerts().firing())
                    .extracting(Alert::id, Alert::acknowledgedBy)
                    .as("adopted under its id, acknowledged as it was")
                    .containsExactly(tuple(id, "duty officer"));
            JsonNode listed =
                    JSON.readTree(two.get("/api/v1/alerts?rig=s19-0001").body()).at("/alerts/0");
            assertThat(listed.get("id").asText()).isEqualTo(id);
            assertThat(listed.get("acknowledged_by").asText()).isEqualTo("duty officer");
            assertThat(listed.get("acknowledged_at").asText()).isEqualTo(acknowledgedAt);
            assertThat(storedHeldLatitude(id))
                    .as("the acknowledgement replaced the alert object, not the position the rig is held at")
                    .isEqualTo(52.29);
        }
    }

    private static HttpResponse<String> acknowledge(RunningCollector collector, String id, String body)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + collector.http().getPort() + "/api/v1/alerts/" + id + "/ack"))
                                .header("Authorization", "Bearer " + collector.apiToken())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static Double storedHeldLatitude(String id) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement select = connection.prepareStatement("SELECT lat FROM open_alert WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? (Double) rows.getObject(1) : null;
            }
        }
    }

    /** The alert object the store holds under this id, or null. */
    private static JsonNode storedAlert(String id) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement select =
                        connection.prepareStatement("SELECT alert::text FROM open_alert WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? JSON.readTree(rows.getString(1)) : null;
            }
        }
    }
}
