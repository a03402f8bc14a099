package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/rigs} in pages and with filters, on a running collector: seven compliant rigs in Texas
 * (paging-a), five in violation in Irkutsk (paging-b, Russia) and three near the Russian border in Narva
 * (paging-c, Estonia), the last two sites with open alerts.
 */
class RigsPagingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD_PARAMETER = "hashfence_http_requests_refused_total{reason=\"bad_parameter\"}";
    private static final List<String> TEXAS = rigs("paging-a", "a", 7);
    private static final List<String> IRKUTSK = rigs("paging-b", "b", 5);
    private static final List<String> NARVA = rigs("paging-c", "c", 3);

    @TempDir
    static Path dataDir;

    static RunningCollector collector;
    static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        collector = new RunningCollector(dataDir);
        publish(TEXAS, 30.6557, -97.0017);
        publish(IRKUTSK, 52.29, 104.29);
        publish(NARVA, 59.3772, 28.1903);
        Await.until(
                "the Irkutsk and Narva rigs are assessed and alerting",
                () -> keys(page("?alerting=true&limit=5000")).size() == IRKUTSK.size() + NARVA.size());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void pagesWalkEveryRigOnceInSiteThenRigOrderWhileRigsArrive() throws Exception {
        JsonNode first = page("?limit=4");
        assertThat(first.get("count").asInt()).isEqualTo(4);
        assertThat(keys(first)).containsExactly("paging-a/a-01", "paging-a/a-02", "paging-a/a-03", "paging-a/a-04");
        // Between pages: one rig before the cursor (not shown, and nothing shifts), two after it (shown).
        publish(List.of("paging-a/a-035", "paging-a/a-055", "paging-d/d-01"), 30.6557, -97.0017);

        List<String> walked = new ArrayList<>(keys(first));
        JsonNode page = first;
        while (page.has("next")) {
            page = page("?limit=4&next=" + page.get("next").asText());
            assertThat(page.get("count").asInt())
                    .isBetween(1, 4)
                    .isEqualTo(page.get("rigs").size());
            walked.addAll(keys(page));
        }
        List<String> expected = new ArrayList<>(TEXAS);
        expected.add("paging-a/a-055");
        expected.addAll(IRKUTSK);
        expected.addAll(NARVA);
        expected.add("paging-d/d-01");
        assertThat(walked).containsExactlyElementsOf(expected.stream().sorted().toList());
        assertThat(page("").get("rigs").size())
                .as("default limit 500 holds them all")
                .isEqualTo(expected.size() + 1);
    }

    @Test
    void theLastPageHasNoNextAndTheLimitIsHonouredAtItsBounds() throws Exception {
        JsonNode one = page("?limit=1");
        assertThat(one.get("rigs").size()).isEqualTo(1);
        assertThat(one.has("next")).isTrue();
        JsonNode all = page("?limit=5000");
        assertThat(all.has("next")).isFalse();
        assertThat(all.get("count").asInt()).isEqualTo(all.get("rigs").size()).isGreaterThanOrEqualTo(15);
        JsonNode exact = page("?site=paging-c&limit=3");
        assertThat(keys(exact)).containsExactlyElementsOf(NARVA);
        assertThat(exact.has("next"))
                .as("exactly a page left: no empty page after it")
                .isFalse();
    }

    @Test
    void everyFilterAndTheirCombinations() throws Exception {
        assertThat(walk("site=paging-b", 2)).containsExactlyElementsOf(IRKUTSK);
        assertThat(walk("state=violation", 2)).containsExactlyElementsOf(IRKUTSK);
        assertThat(walk("state=warning", 2)).containsExactlyElementsOf(NARVA);
        assertThat(walk("state=compliant", 3)).containsAll(TEXAS).doesNotContainAnyElementsOf(IRKUTSK);
        assertThat(walk("state=unknown", 3)).isEmpty();
        assertThat(walk("country=RU", 2)).containsExactlyElementsOf(IRKUTSK);
        assertThat(walk("country=ee", 2)).as("either case").containsExactlyElementsOf(NARVA);
        assertThat(walk("country=US", 5)).containsAll(TEXAS).doesNotContainAnyElementsOf(NARVA);
        assertThat(walk("country=FR", 5)).isEmpty();
        List<String> alerting = new ArrayList<>(IRKUTSK);
        alerting.addAll(NARVA);
        assertThat(walk("alerting=true", 3)).containsExactlyElementsOf(alerting);
        assertThat(walk("alerting=false", 3)).containsAll(TEXAS).doesNotContainAnyElementsOf(alerting);
        assertThat(walk("site=paging-c&alerting=true", 2)).containsExactlyElementsOf(NARVA);
        assertThat(walk("site=paging-a&alerting=true", 2)).isEmpty();
        assertThat(walk("state=violation&country=EE", 2)).isEmpty();
        assertThat(walk("alerting=true&country=EE&state=warning&site=paging-c", 1))
                .containsExactlyElementsOf(NARVA);
        assertThat(walk("site=nowhere", 2)).isEmpty();
        JsonNode rig = page("?site=paging-b&limit=1").get("rigs").get(0);
        assertThat(rig.at("/compliance/state").asText()).isEqualTo("violation");
        assertThat(rig.at("/compliance/country/code").asText()).isEqualTo("RU");
    }

    @Test
    void badParametersAnswer400NamingTheParameterAndAreCounted() throws Exception {
        double before = MetricsScrape.sample(collector.http(), BAD_PARAMETER);
        String otherFilters = page("?state=violation&limit=1").get("next").asText();
        List<String[]> bad = List.of(
                new String[] {"?limit=0", "limit must be a whole number from 1 to 5000 (default 500), got 0"},
                new String[] {"?limit=5001", "limit must be a whole number from 1 to 5000"},
                new String[] {"?limit=x", "limit must be a whole number from 1 to 5000 (default 500), got x"},
                new String[] {"?limit=-1", "limit must be"},
                new String[] {"?limit=", "limit must be"},
                new String[] {"?state=fine", "state must be one of compliant, warning, violation, unknown, got fine"},
                new String[] {"?country=RUS", "country must be an ISO 3166-1 alpha-2 code"},
                new String[] {"?alerting=yes", "alerting must be true or false, got yes"},
                new String[] {"?site=bad%20site", "site must match [A-Za-z0-9._-]{1,64}"},
                new String[] {"?next=%21%21", "next is not a cursor"},
                new String[] {"?next=Zm9vYmFy", "next is not a cursor"},
                new String[] {"?next=" + otherFilters, "next was made for other filters (\"state=violation\")"},
                new String[] {"?state=warning&next=" + otherFilters, "this request has \"state=warning\""},
                new String[] {"?limt=5", "limt is not a parameter of /api/v1/rigs; it takes limit, next, site"},
                new String[] {"?site=paging-a&site=paging-b", "site is given 2 times; give it once"});
        for (String[] request : bad) {
            HttpResponse<String> answer = collector.get("/api/v1/rigs" + request[0]);
            assertThat(answer.statusCode()).as(request[0]).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).get("error").asText())
                    .as(request[0])
                    .contains(request[1]);
        }
        String alertsCursor = JSON.readTree(
                        collector.get("/api/v1/alerts?limit=1").body())
                .get("next")
                .asText();
        HttpResponse<String> foreign = collector.get("/api/v1/rigs?next=" + alertsCursor);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body())
                .contains("next is a cursor of another list; pass on the next of the previous rigs page");
        assertThat(MetricsScrape.sample(collector.http(), BAD_PARAMETER)).isEqualTo(before + bad.size() + 1);
    }

    @Test
    void aForgedCursorPositionIsRefusedNotAnInternalError() throws Exception {
        for (String forged :
                List.of("c1|rigs||no-slash", "c1|rigs||a b/c", "c1|rigs||/", "c1|rigs|x", "c2|rigs||a/b")) {
            String token =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = collector.get("/api/v1/rigs?next=" + token);
            assertThat(answer.statusCode()).as(forged).isEqualTo(400);
            assertThat(answer.body()).as(forged).contains("next is not a cursor");
        }
        String beyond = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("c1|rigs|site=paging-a|paging-z/z".getBytes(StandardCharsets.UTF_8));
        JsonNode empty = page("?site=paging-a&next=" + beyond);
        assertThat(empty.get("count").asInt())
                .as("a position after the site's rigs")
                .isZero();
    }

    private static List<String> walk(String filters, int limit) throws Exception {
        List<String> walked = new ArrayList<>();
        JsonNode page = page("?" + filters + "&limit=" + limit);
        walked.addAll(keys(page));
        while (page.has("next")) {
            page = page("?" + filters + "&limit=" + limit + "&next="
                    + URLEncoder.encode(page.get("next").asText(), StandardCharsets.UTF_8));
            assertThat(page.get("rigs").size()).isPositive();
            walked.addAll(keys(page));
        }
        return walked;
    }

    private static JsonNode page(String query) throws Exception {
        HttpResponse<String> answer = collector.get("/api/v1/rigs" + query);
        assertThat(answer.statusCode()).as(query + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("rigs")
                .forEach(rig ->
                        keys.add(rig.get("site").asText() + "/" + rig.get("rig").asText()));
        return keys;
    }

    private static List<String> rigs(String site, String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> site + "/" + prefix + "-0" + i)
                .toList();
    }

    private static String addSite(String site) {
        try {
            return collector.addSite(site);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void publish(List<String> rigs, double lat, double lon) throws Exception {
        for (String key : rigs) {
            String site = key.substring(0, key.indexOf('/'));
            String token = TOKENS.computeIfAbsent(site, RigsPagingTest::addSite);
            collector.publishAs(site, token, TestTelemetry.at(site, key.substring(key.indexOf('/') + 1), 1, lat, lon));
        }
    }
}
