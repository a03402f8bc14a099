package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/alerts} in pages and with filters, on a running collector: four rigs in Irkutsk (each a
 * critical RigInRestrictedJurisdiction) and three in Narva (each a RigNearRestrictedBorder warning), alerts firing
 * at once (no dwell time).
 */
class AlertsPagingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD_PARAMETER = "hashfence_http_requests_refused_total{reason=\"bad_parameter\"}";
    private static final String SITE = "alerts-01";

    @TempDir
    static Path dataDir;

    static RunningCollector collector;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector(dataDir);
        token = collector.addSite(SITE);
        for (int i = 1; i <= 4; i++) {
            collector.publishAs(SITE, token, TestTelemetry.at(SITE, "irk-" + i, 1, 52.29, 104.29));
        }
        for (int i = 1; i <= 3; i++) {
            collector.publishAs(SITE, token, TestTelemetry.at(SITE, "narva-" + i, 1, 59.3772, 28.1903));
        }
        Await.until(
                "seven alerts are open", () -> page("?limit=5000").get("count").asInt() >= 7);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void pagesWalkEveryOpenAlertOnceInTheOrderTheyOpenedWhileAlertsOpen() throws Exception {
        List<String> before = ids(page("?limit=5000"));
        JsonNode page = page("?limit=3");
        assertThat(ids(page)).containsExactlyElementsOf(before.subList(0, 3));
        collector.publishAs(SITE, token, TestTelemetry.at(SITE, "irk-late", 1, 52.29, 104.29));
        List<String> walked = new ArrayList<>(ids(page));
        while (page.has("next")) {
            page = page("?limit=3&next=" + page.get("next").asText());
            assertThat(page.get("count").asInt()).isBetween(1, 3);
            walked.addAll(ids(page));
        }
        assertThat(walked).doesNotHaveDuplicates().containsAll(before);
        assertThat(walked.subList(0, before.size())).containsExactlyElementsOf(before);
        assertThat(rigs(walked.subList(before.size(), walked.size())))
                .as("the alert opened between pages comes last")
                .containsOnly("irk-late")
                .isNotEmpty();
        List<Long> numbers = walked.stream()
                .map(id -> Long.parseLong(id.substring(id.indexOf('-') + 1)))
                .toList();
        assertThat(numbers).isSorted();
    }

    @Test
    void everyFilter() throws Exception {
        assertThat(walk("alertname=RigNearRestrictedBorder", 2))
                .extracting(alert -> alert.get("rig").asText())
                .containsExactly("narva-1", "narva-2", "narva-3");
        assertThat(walk("severity=critical", 2))
                .allSatisfy(alert -> assertThat(alert.get("severity").asText()).isEqualTo("critical"))
                .extracting(alert -> alert.get("rig").asText())
                .contains("irk-1", "irk-2", "irk-3", "irk-4")
                .doesNotContain("narva-1");
        assertThat(walk("severity=info", 2)).isEmpty();
        assertThat(walk("rig=narva-2", 2))
                .allSatisfy(alert -> assertThat(alert.get("rig").asText()).isEqualTo("narva-2"))
                .isNotEmpty();
        assertThat(walk("site=" + SITE + "&rig=irk-3&severity=critical&alertname=RigInRestrictedJurisdiction", 1))
                .hasSize(1);
        assertThat(walk("site=elsewhere", 2)).isEmpty();
        List<JsonNode> open = walk("status=open", 2);
        assertThat(walk("status=firing", 2)).hasSameSizeAs(open);
        assertThat(walk("status=pending", 2))
                .as("no dwell time: every alert fired")
                .isEmpty();
        assertThat(walk("status=resolved", 2)).isEmpty();
        assertThat(walk("status=all", 2)).hasSameSizeAs(open);
    }

    @Test
    void badParametersAnswer400NamingTheParameterAndAreCounted() throws Exception {
        double before = MetricsScrape.sample(collector.http(), BAD_PARAMETER);
        String critical = page("?severity=critical&limit=1").get("next").asText();
        String rigsCursor = JSON.readTree(collector.get("/api/v1/rigs?limit=1").body())
                .get("next")
                .asText();
        List<String[]> bad = List.of(
                new String[] {"?limit=0", "limit must be a whole number from 1 to 5000"},
                new String[] {"?limit=5001", "limit must be a whole number from 1 to 5000"},
                new String[] {"?limit=x", "got x"},
                new String[] {"?status=closed", "status must be one of open, pending, firing, resolved, all"},
                new String[] {"?severity=urgent", "severity must be one of critical, warning, info, got urgent"},
                new String[] {"?alertname=RigOnFire", "alertname must be one of RigInRestrictedJurisdiction"},
                new String[] {"?rig=a%2Fb", "rig must match"},
                new String[] {"?next=" + critical, "next was made for other filters"},
                new String[] {
                    "?next=" + rigsCursor,
                    "next is a cursor of another list; pass on the next of the previous alerts page"
                },
                new String[] {"?next=bm90IGEgY3Vyc29y", "next is not a cursor"},
                new String[] {
                    "?state=firing", "state is not a parameter of /api/v1/alerts; it takes limit, next, status"
                });
        for (String[] request : bad) {
            HttpResponse<String> answer = collector.get("/api/v1/alerts" + request[0]);
            assertThat(answer.statusCode()).as(request[0]).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).get("error").asText())
                    .as(request[0])
                    .contains(request[1]);
        }
        assertThat(MetricsScrape.sample(collector.http(), BAD_PARAMETER)).isEqualTo(before + bad.size());
    }

    private static List<JsonNode> walk(String filters, int limit) throws Exception {
        List<JsonNode> walked = new ArrayList<>();
        JsonNode page = page("?" + filters + "&limit=" + limit);
        page.get("alerts").forEach(walked::add);
        while (page.has("next")) {
            page = page("?" + filters + "&limit=" + limit + "&next="
                    + page.get("next").asText());
            assertThat(page.get("alerts").size()).isPositive();
            page.get("alerts").forEach(walked::add);
        }
        return walked;
    }

    private static JsonNode page(String query) throws Exception {
        HttpResponse<String> answer = collector.get("/api/v1/alerts" + query);
        assertThat(answer.statusCode()).as(query + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("alerts").forEach(alert -> ids.add(alert.get("id").asText()));
        return ids;
    }

    private List<String> rigs(List<String> ids) throws Exception {
        List<String> rigs = new ArrayList<>();
        for (String id : ids) {
            rigs.add(JSON.readTree(collector.get("/api/v1/alerts/" + id).body())
                    .get("rig")
                    .asText());
        }
        return rigs;
    }
}
