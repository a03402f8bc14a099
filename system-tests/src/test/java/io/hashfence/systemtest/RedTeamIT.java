package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.agent.publish.ProxyProtocolSocketFactory;
import io.hashfence.testing.Await;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden-operation tricks, scripted as a hostile operator would play them against the shipped collector
 * jar: through mosquitto_pub (a foreign MQTT client) and, for the shell company behind a load balancer,
 * through Paho with PROXY protocol v2 headers. Each trick has its expected verdict, alert and evidence;
 * honest rigs beside them must stay quiet. The table in docs/COMPLIANCE.md is this test's table.
 */
class RedTeamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SITE = "texas-02";
    private static final double[] IRKUTSK = {52.2900, 104.2900};
    private static final double[] TEXAS = {30.6555, -97.0014};
    private static final double[] QUEBEC = {45.4042, -71.8929};
    private static final double[] SINGAPORE = {1.3521, 103.8198};
    /** 12 km from Crimea (UA-43): near a restricted border, the control whose alert must resolve. */
    private static final double[] NEAR_CRIMEA = {46.30, 33.75};

    private static final String SHORT_TIMINGS = """
            compliance:
              reassess_interval: 1s
            alerts:
              resolve_after: 2s
            """;

    @TempDir
    Path workDir;

    /** What a trick must end in. {@code alerts} must fire; no other alert may fire for the rig. */
    private record Expected(String state, String subdivision, List<String> alerts, List<String> evidence) {}

    @Test
    void everyTrickIsCaughtWithItsEvidenceAndHonestRigsStayQuiet() throws Exception {
        MosquittoPub mosquittoPub = MosquittoPub.require(workDir, "mqttv311");
        Path config = Files.writeString(workDir.resolve("collector.yml"), SHORT_TIMINGS);
        Path data = workDir.resolve("data");
        String token = CollectorSites.add(workDir, data, SITE);
        try (JarProcess collector = JarProcess.runCollector(workDir, data, "--config", config.toString())) {
            int mqtt = collector.mqttPort();
            int http = collector.httpPort();
            String apiToken = Files.readString(data.resolve("api-token")).strip();
            Instant now = Instant.now();

            mosquittoPub.publish(
                    mqtt,
                    SITE,
                    token,
                    "teleport-01",
                    message("teleport-01", now.minusSeconds(60), at(IRKUTSK, "static", now.minusSeconds(60))),
                    message("teleport-01", now, at(TEXAS, "static", now)));
            mosquittoPub.publish(
                    mqtt,
                    SITE,
                    token,
                    "dark-01",
                    message("dark-01", now.minusSeconds(30), at(IRKUTSK, "gps", now.minusSeconds(30))),
                    message("dark-01", now, null));
            mosquittoPub.publish(
                    mqtt,
                    SITE,
                    token,
                    "stale-01",
                    message("stale-01", now, at(IRKUTSK, "gps", now.minus(Duration.ofHours(2)))));
            List<String> dithered = new ArrayList<>();
            List<String> honestGps = new ArrayList<>();
            SplittableRandom noise = new SplittableRandom(11);
            for (int i = 0; i < 24; i++) {
                Instant time = now.minusSeconds(240 - 10L * i);
                double dither = i % 2 == 0 ? 0 : 1e-9;
                dithered.add(message(
                        "dither-01",
                        time,
                        at(new double[] {SINGAPORE[0] + dither, SINGAPORE[1] + dither}, "gps", time)));
                double[] jittered = {
                    TEXAS[0] + 3 / 111_320.0 * noise.nextGaussian(), TEXAS[1] + 3 / 111_320.0 * noise.nextGaussian()
                };
                honestGps.add(message("honest-gps-01", time, at(jittered, "gps", time)));
            }
            mosquittoPub.publish(mqtt, SITE, token, "dither-01", dithered.toArray(String[]::new));
            ObjectNode simulated = at(SINGAPORE, "gps", now).put("simulated", true);
            mosquittoPub.publish(mqtt, SITE, token, "simulated-01", message("simulated-01", now, simulated));
            mosquittoPub.publish(mqtt, SITE, token, "honest-gps-01", honestGps.toArray(String[]::new));
            mosquittoPub.publish(
                    mqtt,
                    SITE,
                    token,
                    "honest-static-01",
                    message("honest-static-01", now.minusSeconds(10), at(QUEBEC, "static", now.minusSeconds(10))),
                    message("honest-static-01", now, at(QUEBEC, "static", now)));
            mosquittoPub.publish(
                    mqtt, SITE, token, "honest-irk-01", message("honest-irk-01", now, at(IRKUTSK, "gps", now)));
            // The control: near Crimea, then 100 km away. Its alert resolves after alerts.resolve_after, so once
            // it has, any trick's alert that was going to resolve the same way would have too.
            mosquittoPub.publish(
                    mqtt,
                    SITE,
                    token,
                    "control-01",
                    message(
                            "control-01",
                            now.minus(Duration.ofMinutes(20)),
                            at(NEAR_CRIMEA, "static", now.minus(Duration.ofMinutes(20)))),
                    message("control-01", now, at(new double[] {47.2, 33.75}, "static", now)));
            Await.until(
                    "the control's RigNearRestrictedBorder alert resolves",
                    () -> alerts(http, apiToken, "resolved").stream()
                            .anyMatch(a -> a.get("rig").asText().equals("control-01")
                                    && a.get("alertname").asText().equals("RigNearRestrictedBorder")));

            Map<String, Expected> table = Map.of(
                    "teleport-01",
                            new Expected(
                                    "violation",
                                    "RU-IRK",
                                    List.of(
                                            "RigInRestrictedJurisdiction",
                                            "RigLocationSpoofSuspected",
                                            "RigLocationUnverified"),
                                    List.of(
                                            "impossible jump out of Irkutsk",
                                            "it now claims 30.65550, -97.00140 in US-TX")),
                    "dark-01",
                            new Expected(
                                    "violation",
                                    "RU-IRK",
                                    List.of("RigInRestrictedJurisdiction", "RigLocationUnverified"),
                                    List.of("last known in Irkutsk (RU-IRK)", "location withheld since")),
                    "stale-01",
                            new Expected(
                                    "violation",
                                    "RU-IRK",
                                    List.of("RigInRestrictedJurisdiction", "RigLocationUnverified"),
                                    List.of("stale_location")),
                    "dither-01",
                            new Expected(
                                    "compliant",
                                    "SG-03",
                                    List.of("RigLocationSpoofSuspected", "RigLocationUnverified"),
                                    List.of("coordinates within 1 cm of each other")),
                    "simulated-01",
                            new Expected(
                                    "compliant",
                                    "SG-03",
                                    List.of("RigLocationSpoofSuspected", "RigLocationUnverified"),
                                    List.of("marks this fix as simulated")),
                    "honest-gps-01", new Expected("compliant", "US-TX", List.of(), List.of("gps_fix")),
                    "honest-static-01", new Expected("compliant", "CA-QC", List.of(), List.of("static_declaration")),
                    "honest-irk-01",
                            new Expected(
                                    "violation", "RU-IRK", List.of("RigInRestrictedJurisdiction"), List.of("gps_fix")));
            List<JsonNode> open = alerts(http, apiToken, "open");
            for (Map.Entry<String, Expected> row : table.entrySet()) {
                String rig = row.getKey();
                Expected expected = row.getValue();
                JsonNode compliance = JSON.readTree(get(http, "/api/v1/rigs/" + SITE + "/" + rig, apiToken)
                                .body())
                        .get("compliance");
                assertThat(compliance.get("state").asText()).as(rig + " state").isEqualTo(expected.state());
                assertThat(compliance.at("/subdivision/code").asText())
                        .as(rig + " place")
                        .isEqualTo(expected.subdivision());
                String evidence = compliance.get("evidence").toString();
                expected.evidence()
                        .forEach(text ->
                                assertThat(evidence).as(rig + " evidence").contains(text));
                List<String> firing = open.stream()
                        .filter(a -> a.get("rig").asText().equals(rig))
                        .map(a -> a.get("alertname").asText())
                        .sorted()
                        .toList();
                assertThat(firing).as(rig + " alerts").containsExactlyInAnyOrderElementsOf(expected.alerts());
                open.stream()
                        .filter(a -> a.get("rig").asText().equals(rig))
                        .filter(a -> a.get("alertname").asText().equals("RigLocationSpoofSuspected"))
                        .forEach(a -> assertThat(a.get("severity").asText()).isEqualTo("critical"));
            }
            JsonNode teleported = open.stream()
                    .filter(a -> a.get("rig").asText().equals("teleport-01")
                            && a.get("alertname").asText().equals("RigInRestrictedJurisdiction"))
                    .findFirst()
                    .orElseThrow();
            assertThat(teleported.get("evidence").asText())
                    .as("the contradicting claim is shown")
                    .contains("US-TX");

            HttpResponse<String> cleared = post(
                    http,
                    "/api/v1/rigs/" + SITE + "/teleport-01/clear",
                    apiToken,
                    "{\"reason\": \"red team exercise\", \"by\": \"red-team\"}");
            assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
            assertThat(JSON.readTree(cleared.body()).at("/compliance/state").asText())
                    .as("a cleared suspicion is no credible move out of Irkutsk")
                    .isEqualTo("violation");
            // The event log writes on its own thread: wait for the clearance to reach the report.
            Await.until(
                    "the report lists the clearance",
                    () -> get(http, "/api/v1/report?format=html", apiToken)
                            .body()
                            .contains("red team exercise"));
            assertThat(get(http, "/api/v1/report?format=html", apiToken).body()).doesNotContain(">not recorded<");
        }
    }

    @Test
    void aShellCompanysRigsClaimingSingaporeFromRussianAddressesAreCaughtAndAnHonestSiteIsNot() throws Exception {
        Path config =
                Files.writeString(workDir.resolve("collector.yml"), SHORT_TIMINGS + "mqtt:\n  proxy_protocol: true\n");
        Path data = workDir.resolve("data");
        String shellToken = CollectorSites.add(workDir, data, "singapore-holding");
        String honestToken = CollectorSites.add(workDir, data, "singapore-01");
        try (JarProcess collector = JarProcess.runCollector(workDir, data, "--config", config.toString())) {
            int mqtt = collector.mqttPort();
            int http = collector.httpPort();
            String apiToken = Files.readString(data.resolve("api-token")).strip();
            Instant now = Instant.now();
            publishBehindProxy(
                    mqtt,
                    "77.88.8.8",
                    "singapore-holding",
                    shellToken,
                    "s19-0001",
                    messageFor("singapore-holding", "s19-0001", now, at(SINGAPORE, "static", now)));
            publishBehindProxy(
                    mqtt,
                    "165.21.83.88",
                    "singapore-01",
                    honestToken,
                    "s19-0001",
                    messageFor("singapore-01", "s19-0001", now, at(SINGAPORE, "gps", now)));

            JsonNode shell = JSON.readTree(get(http, "/api/v1/rigs/singapore-holding/s19-0001", apiToken)
                            .body())
                    .get("compliance");
            assertThat(shell.get("ip_country").asText()).isEqualTo("RU");
            assertThat(shell.get("evidence").toString())
                    .contains("claims SG but connects from 77.88.8.8, registered in RU, which the policy restricts");
            JsonNode honest = JSON.readTree(get(http, "/api/v1/rigs/singapore-01/s19-0001", apiToken)
                            .body())
                    .get("compliance");
            assertThat(honest.get("trust").asText()).isEqualTo("high");
            List<JsonNode> open = alerts(http, apiToken, "open");
            assertThat(open)
                    .filteredOn(a -> a.get("site").asText().equals("singapore-holding"))
                    .extracting(a -> a.get("alertname").asText() + " "
                            + a.get("severity").asText())
                    .contains("RigLocationSpoofSuspected critical");
            assertThat(open)
                    .filteredOn(a -> a.get("site").asText().equals("singapore-01"))
                    .isEmpty();
        }
    }

    private static ObjectNode at(double[] point, String source, Instant fixTime) {
        return JSON.createObjectNode()
                .put("lat", point[0])
                .put("lon", point[1])
                .put("source", source)
                .put("accuracy_m", source.equals("gps") ? 5 : 100)
                .put("fix_time", fixTime.toString());
    }

    private static String message(String rig, Instant time, ObjectNode location) {
        return messageFor(SITE, rig, time, location);
    }

    /** Telemetry v1 of an Antminer S19 Pro; no location when {@code location} is null. */
    private static String messageFor(String site, String rig, Instant time, ObjectNode location) {
        ObjectNode message = S19Telemetry.at(site, rig, time);
        if (location != null) {
            message.set("location", location);
        }
        return message.toString();
    }

    /** One QoS 1 message through Paho, the connection preceded by a PROXY v2 header naming {@code source}. */
    private static void publishBehindProxy(
            int port, String source, String site, String token, String rig, String message) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, site + "-red-team", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(site);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setSocketFactory(new ProxyProtocolSocketFactory(InetAddress.getByName(source)));
        client.connect(options);
        try {
            client.publish(
                    "hashfence/v1/" + site + "/" + rig + "/telemetry",
                    message.getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static List<JsonNode> alerts(int port, String apiToken, String status) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(get(port, "/api/v1/alerts?status=" + status, apiToken).body())
                .get("alerts")
                .forEach(alerts::add);
        return alerts;
    }

    private static HttpResponse<String> get(int port, String path, String apiToken) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + apiToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String apiToken, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + apiToken)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
