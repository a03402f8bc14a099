package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.systemtest.StackConfigIT.ExternalTool;
import io.hashfence.testing.Await;
import io.hashfence.testing.ExternalProcess;
import io.hashfence.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that the dashboards work: the shipped collector, a simulated fleet and a few hand-made rigs in the
 * states a simulated fleet lacks (near a restricted border, relocated with impossible travel, no location),
 * a real Prometheus scraping the collector with the shipped config (its targets, /metrics and the rig shards, from
 * the collector's HTTP service discovery) and alert rules, and a real
 * Alertmanager with the shipped routing, all on free ports. Every query of every panel of every dashboard,
 * with its template variables resolved the way Grafana resolves them, must return data from Prometheus's
 * HTTP API; then a few panels are checked for the rigs they must show.
 */
class DashboardQueriesIT {
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REPO = ExternalTool.repositoryRoot();

    private static final List<String> SIMULATED_SITES = List.of("quincy-wa", "rockdale-tx");
    private static final int SIMULATED_RIGS = 30;
    private static final String LAB = "field-lab";
    /** Moves from Rockdale, Texas to Irkutsk Oblast within a second: relocated, impossible travel, violation. */
    private static final String MOVED = "moved-to-irkutsk";
    /** In Kherson Oblast, 11 km from Crimea: warning. */
    private static final String NEAR_BORDER = "near-crimea";
    /** Reports no location (unknown), and its pool pays out to an SDN-listed address: PayoutToSanctionedAddress. */
    private static final String NO_LOCATION = "no-location";

    private static final String SDN_PAYOUT = "bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw";
    /** The collector's default http.metrics_shards: Prometheus scrapes /metrics and this many rig shards. */
    private static final int SHIPPED_SHARDS = 4;
    /** Prometheus's scrape and rule evaluation interval in the test; the shipped config says 15s. */
    private static final int SCRAPE_SECONDS = 1;

    @TempDir
    static Path workDir;

    private static JarProcess collector;
    private static JarProcess fleet;
    private static ExternalProcess alertmanager;
    private static ExternalProcess prometheus;
    private static String alertmanagerUrl;
    private static String prometheusUrl;
    private static long rangeStart;

    @BeforeAll
    static void startTheStack() throws Exception {
        Path prometheusBinary = ExternalTool.require("prometheus", "prometheus");
        Path alertmanagerBinary = ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
        MosquittoPub mosquittoPub = MosquittoPub.require(workDir, "mqttv311");

        Path dataDir = workDir.resolve("data");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String site : concat(SIMULATED_SITES, List.of(LAB))) {
            tokens.put(site, CollectorSites.add(workDir, dataDir, site));
        }

        int alertmanagerPort = FreePorts.pick();
        alertmanagerUrl = "http://127.0.0.1:" + alertmanagerPort;
        alertmanager = ExternalProcess.start(
                List.of(
                        alertmanagerBinary.toString(),
                        "--config.file=" + REPO.resolve("dashboards/alertmanager/alertmanager.yml"),
                        "--storage.path=" + workDir.resolve("alertmanager"),
                        "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                        "--cluster.listen-address="),
                workDir);

        collector = JarProcess.runCollector(workDir, dataDir, "--alertmanager", "http://127.0.0.1:" + alertmanagerPort);
        int mqttPort = collector.mqttPort();
        int httpPort = collector.httpPort();

        Path sitesFile = workDir.resolve("sites.txt");
        Files.writeString(
                sitesFile,
                SIMULATED_SITES.stream()
                        .map(s -> s + " " + tokens.get(s) + "\n")
                        .collect(Collectors.joining()));
        fleet = JarProcess.start(
                JarProcess.agentJar(),
                workDir,
                Map.of(),
                "simulate",
                "--rigs",
                String.valueOf(SIMULATED_RIGS),
                "--sites-file",
                sitesFile.toString(),
                "--collector",
                "tcp://127.0.0.1:" + mqttPort,
                "--interval",
                "1s",
                "--seed",
                "7");

        Instant now = Instant.now();
        mosquittoPub.publish(
                mqttPort,
                LAB,
                tokens.get(LAB),
                MOVED,
                telemetry(MOVED, now.minusSeconds(1), 30.6557, -97.0017),
                telemetry(MOVED, now, 52.2870, 104.3050));
        mosquittoPub.publish(mqttPort, LAB, tokens.get(LAB), NEAR_BORDER, telemetry(NEAR_BORDER, now, 46.30, 33.75));
        mosquittoPub.publish(mqttPort, LAB, tokens.get(LAB), NO_LOCATION, telemetry(NO_LOCATION, now, null, null));

        int prometheusPort = FreePorts.pick();
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, testPrometheusConfig(httpPort, alertmanagerPort));
        prometheusUrl = "http://127.0.0.1:" + prometheusPort;
        prometheus = ExternalProcess.start(
                List.of(
                        prometheusBinary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort),
                workDir);
        prometheus.awaitReady("is ready at " + prometheusUrl, () -> ready(prometheusUrl));
        alertmanager.awaitReady("is ready at " + alertmanagerUrl, () -> ready(alertmanagerUrl));
        rangeStart = Instant.now().getEpochSecond();

        int allRigs = SIMULATED_RIGS + 3;
        Await.until("Prometheus has scraped all " + allRigs + " rigs for 10 s", () -> {
            assertThat(fleet.isAlive())
                    .as("fleet running; its log:\n" + fleet.stderr())
                    .isTrue();
            return single(instant("count(hashfence_rig_up)")) == allRigs
                    && single(instant("count(up{job=\"hashfence-collector\"} == 1)")) == 1 + SHIPPED_SHARDS
                    && single(instant("min(count_over_time(up{job=\"hashfence-collector\"}[1m]))")) >= 10;
        });
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        for (AutoCloseable process : new AutoCloseable[] {fleet, collector, prometheus, alertmanager}) {
            if (process != null) {
                process.close();
            }
        }
        if (collector != null) {
            assertThat(collector.stderr()).doesNotContain("LEAK:");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryReturnsData() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : DashboardLintIT.dashboards()) {
            JsonNode dashboard = DashboardLintIT.read(file);
            for (JsonNode panel : DashboardLintIT.panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String name =
                            file.getFileName() + " / " + panel.path("title").asText() + " / "
                                    + target.path("refId").asText();
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        String expr = substitute(target.path("expr").asText(), variables(dashboard));
                        JsonNode result = target.path("instant").asBoolean() ? instant(expr) : range(expr);
                        assertThat(result)
                                .as("%s returns series:%n%s", name, expr)
                                .isNotEmpty();
                        if (!target.path("instant").asBoolean()) {
                            assertThat(result)
                                    .as("%s returns points:%n%s", name, expr)
                                    .anySatisfy(series ->
                                            assertThat(series.path("values")).isNotEmpty());
                        }
                    }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(50);
        return tests.stream();
    }

    @Test
    void prometheusFindsEveryRigShardThroughTheCollectorsServiceDiscoveryAndSeesEachRigOnce() throws Exception {
        Map<String, Double> rigsByShard = new HashMap<>();
        for (JsonNode series : instant("count by (shard) (hashfence_rig_up)")) {
            rigsByShard.put(
                    series.at("/metric/shard").asText(), series.at("/value/1").asDouble());
        }
        assertThat(rigsByShard.keySet()).isSubsetOf("0/4", "1/4", "2/4", "3/4").hasSizeGreaterThan(1);
        assertThat(rigsByShard.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isEqualTo(SIMULATED_RIGS + 3);
        assertThat(single(instant("count(count by (site, rig) (hashfence_rig_up) > 1) or vector(0)")))
                .as("no rig in two shards")
                .isZero();
        Set<String> scraped = new TreeSet<>();
        for (JsonNode series : instant("up{job=\"hashfence-collector\"} == 1")) {
            scraped.add(series.at("/metric/shard").asText("-"));
        }
        assertThat(scraped)
                .as("/metrics (no shard label) and the four rig shards")
                .containsExactly("-", "0/4", "1/4", "2/4", "3/4");
    }

    @Test
    void theComplianceDashboardShowsEachRigInItsState() throws Exception {
        JsonNode compliance = dashboard("compliance.json");
        Map<String, String> variables = variables(compliance);

        Map<String, String> stateByRig = new HashMap<>();
        for (JsonNode series :
                instant(substitute(panelExpr(compliance, "Rigs in violation or warning", "A"), variables))) {
            stateByRig.put(
                    series.at("/metric/site").asText() + "/"
                            + series.at("/metric/rig").asText(),
                    series.at("/metric/state").asText() + " "
                            + series.at("/metric/country").asText() + " "
                            + series.at("/metric/subdivision").asText());
        }
        Map<String, String> claimantByRig = new HashMap<>();
        String violationTable = substitute(panelExpr(compliance, "Rigs in violation or warning", "A"), variables);
        for (JsonNode series : instant(violationTable)) {
            claimantByRig.put(
                    series.at("/metric/site").asText() + "/"
                            + series.at("/metric/rig").asText(),
                    series.at("/metric/claimed_by").asText());
        }
        assertThat(claimantByRig)
                .as("Kherson oblast: UA, claimed by RU")
                .containsEntry(LAB + "/" + NEAR_BORDER, "RU")
                .containsEntry(LAB + "/" + MOVED, "");
        List<String> countryRows = new ArrayList<>();
        instant(substitute(panelExpr(compliance, "Rigs by country and state", "A"), variables))
                .forEach(series -> countryRows.add(series.at("/metric/country").asText() + " "
                        + series.at("/metric/claimed_by").asText() + " "
                        + series.at("/metric/state").asText()));
        assertThat(countryRows)
                .as("disputed land is a row of its own")
                .contains("UA RU warning")
                .doesNotContain("UA  warning");
        assertThat(stateByRig)
                .containsEntry(LAB + "/" + MOVED, "violation RU RU-IRK")
                .containsEntry(LAB + "/" + NEAR_BORDER, "warning UA UA-65")
                .doesNotContainKey(LAB + "/" + NO_LOCATION);
        assertThat(stateByRig)
                .as("the simulated fleet's rig in Irkutsk Oblast")
                .anySatisfy((rig, state) -> assertThat(state).isEqualTo("violation RU RU-IRK"))
                .hasSizeGreaterThanOrEqualTo(4);

        Set<String> states = new TreeSet<>();
        instant(substitute(panelExpr(compliance, "Compliance states", "A"), variables))
                .forEach(series -> states.add(series.at("/metric/state").asText()));
        assertThat(states).containsExactly("compliant", "unknown", "violation", "warning");

        Map<String, Double> markerState = new HashMap<>();
        instant(substitute(panelExpr(compliance, "Rigs by compliance state", "C"), variables))
                .forEach(series -> markerState.put(
                        series.at("/metric/rig").asText(), series.at("/value/1").asDouble()));
        assertThat(markerState)
                .containsEntry(MOVED, 3.0)
                .containsEntry(NEAR_BORDER, 2.0)
                .containsEntry(NO_LOCATION, 1.0);

        assertThat(rigsIn(instant(substitute(panelExpr(compliance, "Recent relocations", "A"), variables))))
                .containsExactly(LAB + "/" + MOVED + " RU RU-IRK");
        assertThat(rigsIn(instant(substitute(panelExpr(compliance, "Evidence conflicts", "A"), variables))))
                .containsExactly(LAB + "/" + MOVED + " RU RU-IRK");
        assertThat(instant(substitute(
                        panelExpr(compliance, "Screening alerts: payouts, pools, hosting networks", "A"), variables)))
                .extracting(series -> series.at("/metric/alertname").asText() + " "
                        + series.at("/metric/site").asText() + "/"
                        + series.at("/metric/rig").asText())
                .containsExactly("PayoutToSanctionedAddress " + LAB + "/" + NO_LOCATION);
    }

    @Test
    void theFleetOverviewCountsTheRigsUpAndDown() throws Exception {
        JsonNode fleetOverview = dashboard("fleet-overview.json");
        Map<String, String> variables = variables(fleetOverview);
        assertThat(single(instant(substitute(panelExpr(fleetOverview, "Rigs up", "A"), variables))))
                .isEqualTo(SIMULATED_RIGS);
        assertThat(single(instant(substitute(panelExpr(fleetOverview, "Rigs down", "A"), variables))))
                .as("the hand-made rigs, whose connection closed after publishing")
                .isEqualTo(3);
        double efficiency = single(
                instant(substitute(panelExpr(fleetOverview, "Fleet efficiency (SHA-256 ASICs)", "A"), variables)));
        assertThat(efficiency).as("J/TH of Antminer and Whatsminer models").isBetween(15.0, 40.0);
    }

    @Test
    void theOperationalAlertRulesEvaluateOnTheLiveMetrics() throws Exception {
        Await.until("every rule evaluated without error and RigDown pending for the lab rigs", () -> {
            JsonNode groups = prometheusApi("/api/v1/rules", Map.of()).path("groups");
            List<JsonNode> rules = new ArrayList<>();
            groups.forEach(group -> group.path("rules").forEach(rules::add));
            assertThat(rules)
                    .extracting(rule -> rule.path("name").asText())
                    .containsExactlyInAnyOrder(
                            "HashfenceCollectorDown",
                            "HashfenceIngestRejectionsHigh",
                            "HashfenceAlertNotificationsFailing",
                            "RigDown",
                            "RigHashrateDrop",
                            "RigMinerNotMining");
            boolean allHealthy =
                    rules.stream().allMatch(rule -> rule.path("health").asText().equals("ok"));
            Set<String> pendingDown = new TreeSet<>();
            for (JsonNode alert : prometheusApi("/api/v1/alerts", Map.of()).path("alerts")) {
                if (alert.at("/labels/alertname").asText().equals("RigDown")) {
                    assertThat(alert.path("state").asText())
                            .as("RigDown waits 5 minutes before firing")
                            .isEqualTo("pending");
                    pendingDown.add(alert.at("/labels/site").asText() + "/"
                            + alert.at("/labels/rig").asText());
                }
            }
            return allHealthy
                    && pendingDown.equals(Set.of(LAB + "/" + MOVED, LAB + "/" + NEAR_BORDER, LAB + "/" + NO_LOCATION));
        });
    }

    @Test
    void complianceAlertsReachAlertmanagerAndGoToTheComplianceReceivers() throws Exception {
        Map<String, String> expected = Map.of(
                "RigInRestrictedJurisdiction " + LAB + "/" + MOVED, "compliance-urgent",
                "RigRelocated " + LAB + "/" + MOVED, "compliance",
                "RigNearRestrictedBorder " + LAB + "/" + NEAR_BORDER, "compliance",
                "RigLocationUnknown " + LAB + "/" + NO_LOCATION, "compliance",
                "PayoutToSanctionedAddress " + LAB + "/" + NO_LOCATION, "compliance-urgent");
        Map<String, String> received = new HashMap<>();
        Await.until("the collector's alerts in Alertmanager: " + expected.keySet(), () -> {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/api/v2/alerts"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            received.clear();
            for (JsonNode alert : JSON.readTree(response.body())) {
                List<String> receivers = new ArrayList<>();
                alert.path("receivers")
                        .forEach(r -> receivers.add(r.path("name").asText()));
                received.put(
                        alert.at("/labels/alertname").asText() + " "
                                + alert.at("/labels/site").asText() + "/"
                                + alert.at("/labels/rig").asText(),
                        String.join(",", receivers));
            }
            return received.entrySet().containsAll(expected.entrySet());
        });
        assertThat(received)
                .as("the simulated fleet's rigs in restricted places")
                .anySatisfy((alert, receiver) -> assertThat(alert).startsWith("RigInRestrictedJurisdiction "));
    }

    // ---- Grafana's side: variables and macros ----

    /**
     * The values Grafana gives a dashboard's template variables on first load: label_values(...) asked of
     * Prometheus, "All" as the variable's allValue, otherwise the first value in alphabetical order.
     */
    private static Map<String, String> variables(JsonNode dashboard) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.at("/templating/list")) {
            String name = variable.path("name").asText();
            Matcher query =
                    LABEL_VALUES.matcher(substitute(variable.at("/query/query").asText(), values));
            assertThat(query.matches())
                    .as("variable %s is a label_values query", name)
                    .isTrue();
            List<String> options = new ArrayList<>();
            prometheusApi("/api/v1/label/" + query.group(2) + "/values", Map.of("match[]", query.group(1)))
                    .forEach(value -> options.add(value.asText()));
            assertThat(options)
                    .as("values of variable %s (%s)", name, query.group())
                    .isNotEmpty();
            boolean all = variable.at("/current/value").toString().contains("$__all");
            values.put(
                    name,
                    all
                            ? variable.path("allValue").asText()
                            : options.stream().sorted().findFirst().orElseThrow());
        }
        return values;
    }

    /** Variables and Grafana's interval macros, for a datasource whose scrape interval is the test's 1 s. */
    private static String substitute(String expr, Map<String, String> variables) {
        long rangeSeconds = Math.max(1, Instant.now().getEpochSecond() - rangeStart);
        Map<String, String> all = new HashMap<>(variables);
        all.put("__interval", SCRAPE_SECONDS + "s");
        all.put(
                "__rate_interval",
                Math.max(4 * SCRAPE_SECONDS, SCRAPE_SECONDS + SCRAPE_SECONDS) + "s"); // max(4 x scrape, step + scrape)
        all.put("__range", rangeSeconds + "s");
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            assertThat(all).as("variables known to %s", expr).containsKey(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(all.get(name)));
        }
        return matcher.appendTail(out).toString();
    }

    private static JsonNode dashboard(String file) {
        return DashboardLintIT.read(
                REPO.resolve("dashboards/grafana/dashboards").resolve(file));
    }

    private static String panelExpr(JsonNode dashboard, String title, String refId) {
        for (JsonNode panel : DashboardLintIT.panels(dashboard)) {
            if (panel.path("title").asText().equals(title)) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.path("refId").asText().equals(refId)) {
                        return target.path("expr").asText();
                    }
                }
            }
        }
        throw new AssertionError("no panel \"" + title + "\" with query " + refId + " in " + dashboard.path("title"));
    }

    private static List<String> rigsIn(JsonNode vector) {
        List<String> rigs = new ArrayList<>();
        vector.forEach(series -> rigs.add(series.at("/metric/site").asText() + "/"
                + series.at("/metric/rig").asText() + " "
                + series.at("/metric/country").asText() + " "
                + series.at("/metric/subdivision").asText()));
        return rigs;
    }

    // ---- Prometheus's HTTP API ----

    private static JsonNode instant(String expr) throws Exception {
        return prometheusApi("/api/v1/query", Map.of("query", expr)).path("result");
    }

    private static JsonNode range(String expr) throws Exception {
        return prometheusApi(
                        "/api/v1/query_range",
                        Map.of(
                                "query",
                                expr,
                                "start",
                                String.valueOf(rangeStart),
                                "end",
                                String.valueOf(Instant.now().getEpochSecond()),
                                "step",
                                SCRAPE_SECONDS + "s"))
                .path("result");
    }

    private static double single(JsonNode vector) {
        assertThat(vector).as("one series: %s", vector).hasSize(1);
        return vector.get(0).at("/value/1").asDouble();
    }

    /** GET with the parameters in the query string: every endpoint used here takes GET, not all take POST. */
    private static JsonNode prometheusApi(String path, Map<String, String> parameters) throws Exception {
        String query = parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(prometheusUrl + path + (query.isEmpty() ? "" : "?" + query)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("status").asText())
                .as("%s %s: %s", path, parameters, response.body())
                .isEqualTo("success");
        return answer.path("data");
    }

    /**
     * The shipped prometheus.yml with what only a test changes: the targets' addresses (free ports on
     * 127.0.0.1 instead of compose service names), a 1 s interval, and the rules' absolute path.
     */
    private static String testPrometheusConfig(int collectorPort, int alertmanagerPort) throws IOException {
        String shipped = Files.readString(REPO.resolve("dashboards/prometheus/prometheus.yml"));
        Map<String, String> changes = Map.of(
                "scrape_interval: 15s", "scrape_interval: " + SCRAPE_SECONDS + "s",
                "evaluation_interval: 15s", "evaluation_interval: " + SCRAPE_SECONDS + "s",
                "http://collector:9464/", "http://127.0.0.1:" + collectorPort + "/",
                "\"alertmanager:9093\"", "\"127.0.0.1:" + alertmanagerPort + "\"",
                "- rules/*.yml", "- " + REPO.resolve("dashboards/prometheus/rules") + "/*.yml");
        String config = shipped;
        for (Map.Entry<String, String> change : changes.entrySet()) {
            assertThat(config).as("the shipped prometheus.yml").contains(change.getKey());
            config = config.replace(change.getKey(), change.getValue());
        }
        return config;
    }

    // ---- the fleet's side ----

    /** Telemetry v1 of an Antminer S19 Pro, at a static position, or with no location when lat is null. */
    private static String telemetry(String rig, Instant time, Double lat, Double lon) {
        ObjectNode message = S19Telemetry.at(LAB, rig, time);
        message.putArray("temperatures")
                .addObject()
                .put("sensor", "chain0_chip")
                .put("celsius", 71.5);
        message.putArray("fans").addObject().put("name", "fan0").put("rpm", 5400);
        message.putArray("pools")
                .addObject()
                .put("url", "stratum+tcp://btc.f2pool.com:1314")
                .put("user", rig.equals(NO_LOCATION) ? SDN_PAYOUT + "." + rig : "lab." + rig)
                .put("active", true);
        if (lat != null) {
            message.putObject("location")
                    .put("lat", lat)
                    .put("lon", lon)
                    .put("source", "static")
                    .put("accuracy_m", 100);
        }
        return message.toString();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static boolean ready(String baseUrl) throws InterruptedException {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }
}
