package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/rigs/{site}/{rig}/clear} on a running collector: a rig that teleports out of
 * Irkutsk is suspected of spoofing, an operator clears the suspicion with a reason, the event log and the
 * report say so, and the violation still holds (a cleared suspicion is no credible move).
 */
class RigClearTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "texas-02";
    private static final String RIG = "s19-0007";

    @TempDir
    Path dir;

    @Test
    void anOperatorClearsASpoofingSuspicionWithAReasonAndTheLogAndReportRecordIt() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir.resolve("data"))) {
            String token = collector.addSite(SITE);
            collector.publishAs(SITE, token, at(1, 52.29, 104.29), at(2, 30.6555, -97.0014));
            String apiToken = collector.apiToken();
            String alerts = collector.get("/api/v1/alerts").body();
            assertThat(alerts).contains("RigLocationSpoofSuspected", "impossible jump out of Irkutsk");
            assertThat(JSON.readTree(collector
                                    .get("/api/v1/rigs/" + SITE + "/" + RIG)
                                    .body())
                            .at("/compliance/state")
                            .asText())
                    .isEqualTo("violation");

            String path = "/api/v1/rigs/" + SITE + "/" + RIG + "/clear";
            HttpResponse<String> anonymous = post(collector, path, null, "{\"reason\": \"bench test\"}");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> noReason = post(collector, path, apiToken, "{\"by\": \"alice\"}");
            assertThat(noReason.statusCode()).isEqualTo(400);
            assertThat(noReason.body()).contains("reason required");
            assertThat(post(collector, path, apiToken, "{\"reason\": \"two\\nlines\"}")
                            .statusCode())
                    .as("control characters are refused")
                    .isEqualTo(400);
            assertThat(post(collector, path, apiToken, "not json").statusCode()).isEqualTo(400);
            HttpResponse<String> unknown =
                    post(collector, "/api/v1/rigs/" + SITE + "/nobody/clear", apiToken, "{\"reason\": \"bench test\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);

            HttpResponse<String> cleared = post(
                    collector,
                    path,
                    apiToken,
                    "{\"reason\": \"rig shipped by air freight, waybill 123-4567\", \"by\": \"alice\"}");
            assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(cleared.body());
            assertThat(body.at("/cleared/suspicion").asText()).contains("impossible jump out of Irkutsk");
            assertThat(body.at("/by").asText()).isEqualTo("alice");
            assertThat(body.at("/compliance/state").asText())
                    .as("clearing is no credible move out of Irkutsk")
                    .isEqualTo("violation");
            assertThat(body.at("/compliance/evidence").asText()).doesNotContain("spoof_suspected");
            HttpResponse<String> again = post(collector, path, apiToken, "{\"reason\": \"again\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("not suspected of spoofing");

            // The event log writes on its own thread: wait for the record rather than race it.
            Await.until(
                    "the clearance is in the event log",
                    () -> Files.readString(dir.resolve("data/events.log")).contains("\"type\":\"suspicion_cleared\""));
            assertThat(Files.readString(dir.resolve("data/events.log"))).contains("waybill 123-4567");
            HttpResponse<String> report = collector.get("/api/v1/report?format=json");
            JsonNode rig = null;
            for (JsonNode each : JSON.readTree(report.body()).get("rigs")) {
                rig = RIG.equals(each.get("rig").asText()) ? each : rig;
            }
            assertThat(rig).isNotNull();
            assertThat(rig.at("/suspicions_cleared/0/reason").asText()).contains("waybill 123-4567");
            assertThat(rig.at("/suspicions_cleared/0/by").asText()).isEqualTo("alice");
            assertThat(rig.at("/violations/0/evidence").asText())
                    .as("recorded when the rig was first seen")
                    .contains("static_declaration");
            assertThat(collector.get("/api/v1/report?format=html").body())
                    .contains("Spoofing suspicions cleared by operators", "waybill 123-4567");
        }
    }

    private static ObjectNode at(long seq, double lat, double lon) {
        return TestTelemetry.at(SITE, RIG, seq, lat, lon);
    }

    private static HttpResponse<String> post(RunningCollector collector, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(collector, path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(RunningCollector collector, String path) {
        return URI.create("http://127.0.0.1:" + collector.http().getPort() + path);
    }
}
