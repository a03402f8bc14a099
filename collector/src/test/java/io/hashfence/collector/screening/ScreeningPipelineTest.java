package io.hashfence.collector.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a running collector: a rig paying out to an SDN address raises PayoutToSanctionedAddress with the
 * evidence in the alerts API, the rig API, {@code hashfence_alert_info} and the event log; a near miss and an
 * ordinary address raise nothing; a designated network and an imported list take effect while running.
 */
class ScreeningPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SDN_XMR =
            "49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL";
    /** Registered in RU in the bundled IP database. */
    private static final String RUSSIAN_POOL_IP = "77.88.8.8";

    private static final String ORDINARY_XBT = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    /** In the sample XML only, not in the bundled snapshot: a hit only once the import is in force. */
    private static final String IMPORTED_USDT = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @TempDir
    Path dir;

    @Test
    void aSanctionedPayoutAlertsWithItsEvidenceEverywhereAndANearMissDoesNot() throws Exception {
        Path policy = dir.resolve("policy.yml");
        Files.writeString(policy, "include: [ofac-comprehensive, russia-belarus]\n");
        try (RunningCollector collector = new RunningCollector(dir.resolve("data"), c -> c.withPolicyFile(policy))) {
            String token = collector.addSite("texas-01");
            try (MqttTestClient agent =
                    MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "texas-01", token)) {
                agent.connAck();
                publish(agent, "xmr-0001", 1, SDN_XMR + ".rig1");
                publish(agent, "xmr-0002", 1, "x" + SDN_XMR + ".rig2");
                publish(agent, "btc-0003", 1, ORDINARY_XBT + ".rig3");
                publish(agent, "eth-0004", 1, IMPORTED_USDT.toLowerCase() + ".rig4");
                ObjectNode russianPool = TestTelemetry.at("texas-01", "pool-0005", 1, 30.6557, -97.0017);
                russianPool
                        .putArray("pools")
                        .addObject()
                        .put("url", "stratum+tcp://acct.rig5:S3cret@pool.example.ru:3333")
                        .put("user", "acct.rig5:S3cret")
                        .put("active", true)
                        .put("address", RUSSIAN_POOL_IP);
                agent.publish(
                        TestTelemetry.topic("texas-01", "pool-0005"),
                        TestTelemetry.bytes(russianPool),
                        MqttQoS.AT_LEAST_ONCE);
                agent.await(MqttMessageType.PUBACK);
            }
            JsonNode alerts = JSON.readTree(api(collector, "/api/v1/alerts"));
            assertThat(alerts.get("alerts"))
                    .extracting(a ->
                            a.get("alertname").asText() + " " + a.get("rig").asText())
                    .containsExactlyInAnyOrder(
                            "PayoutToSanctionedAddress xmr-0001", "PoolInRestrictedJurisdiction pool-0005");
            JsonNode pool = alertFor(collector, "pool-0005");
            assertThat(pool.get("severity").asText()).isEqualTo("warning");
            assertThat(pool.get("country").asText()).isEqualTo("RU");
            assertThat(pool.get("evidence").asText())
                    .as("located by the address the agent reported")
                    .contains(RUSSIAN_POOL_IP, "registered in RU")
                    .doesNotContain("S3cret");
            JsonNode alert = alertFor(collector, "xmr-0001");
            assertThat(alert.get("alertname").asText()).isEqualTo("PayoutToSanctionedAddress");
            assertThat(alert.get("rig").asText()).isEqualTo("xmr-0001");
            assertThat(alert.get("severity").asText()).isEqualTo("critical");
            assertThat(alert.get("evidence").asText()).contains(SDN_XMR, "XMR", "2024-09-27");

            JsonNode rig = JSON.readTree(api(collector, "/api/v1/rigs/texas-01/xmr-0001"));
            assertThat(rig.at("/screening/findings/0/alertname").asText()).isEqualTo("PayoutToSanctionedAddress");
            assertThat(rig.at("/screening/findings/0/evidence").asText()).contains(SDN_XMR);
            assertThat(rig.at("/latest/pools/0/user").asText())
                    .as("the payout address is no secret: kept")
                    .isEqualTo(SDN_XMR + ".rig1");
            JsonNode nearMiss = JSON.readTree(api(collector, "/api/v1/rigs/texas-01/xmr-0002"));
            assertThat(nearMiss.at("/screening/findings")).isEmpty();

            assertThat(MetricsScrape.sample(
                            collector.http(),
                            "hashfence_alert_info{alertname=\"PayoutToSanctionedAddress\","
                                    + "country=\"\",rig=\"xmr-0001\",severity=\"critical\",site=\"texas-01\",status=\"firing\","
                                    + "subdivision=\"\",trust=\"\"}"))
                    .isEqualTo(1);
            Await.until(
                    "the alert is in the event log",
                    () -> Files.readString(dir.resolve("data").resolve("events.log"))
                            .contains("PayoutToSanctionedAddress"));
            assertThat(Files.readAllLines(dir.resolve("data").resolve("events.log")).stream()
                            .filter(line ->
                                    line.contains("\"alert_opened\"") && line.contains("PayoutToSanctionedAddress")))
                    .hasSize(1)
                    .allMatch(line -> line.contains(SDN_XMR));

            Path xml = dir.resolve("sdn_advanced.xml");
            try (InputStream in = getClass().getResourceAsStream("sdn_advanced-sample.xml")) {
                Files.copy(in, xml);
            }
            Path list = SanctionsStore.fileIn(dir.resolve("data"));
            Files.createDirectories(list.getParent());
            Path written = dir.resolve("list.tsv");
            try (InputStream in = Files.newInputStream(xml);
                    var out = Files.newBufferedWriter(written)) {
                SanctionsListFormat.write(SdnAdvancedImport.read(in, "sdn_advanced.xml"), out);
            }
            Files.move(written, list, StandardCopyOption.ATOMIC_MOVE);
            Await.until(
                    "the imported list re-screens the rigs",
                    () -> api(collector, "/api/v1/alerts").contains("eth-0004"));
            JsonNode eth = JSON.readTree(api(collector, "/api/v1/rigs/texas-01/eth-0004"));
            assertThat(eth.at("/screening/findings/0/evidence").asText())
                    .contains(IMPORTED_USDT, "USDT", "listed 2022-04-05", "CYBER2 RUSSIA-EO14024", "SAMPLE MIXER");

            replace(
                    policy,
                    "include: [ofac-comprehensive, russia-belarus]\nscreening:\n  networks:\n    designated:\n"
                            + "      - cidr: 127.0.0.0/8\n        reason: test hosting provider\n");
            Await.until(
                    "the designated network is screened",
                    () -> api(collector, "/api/v1/alerts").contains("RigOnSanctionedNetwork"));
            assertThat(MetricsScrape.sample(collector.http(), "hashfence_alerts_open{severity=\"critical\"}"))
                    .as("one payout, one imported payout, five rigs on the network")
                    .isEqualTo(7);

            Await.until(
                    "the report has a section per screening kind",
                    () -> report(collector, "json").contains("RigOnSanctionedNetwork\" : [ {"));
            JsonNode screening = JSON.readTree(report(collector, "json")).get("screening");
            assertThat(screening.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "PayoutToSanctionedAddress", "PoolInRestrictedJurisdiction", "RigOnSanctionedNetwork");
            assertThat(screening.get("PayoutToSanctionedAddress"))
                    .extracting(a -> a.get("rig").asText())
                    .containsExactly("xmr-0001", "eth-0004");
            assertThat(screening.at("/PayoutToSanctionedAddress/0/evidence").asText())
                    .contains(SDN_XMR, "XMR");
            assertThat(screening.at("/PayoutToSanctionedAddress/0/ongoing").asBoolean())
                    .isTrue();
            assertThat(screening.get("PoolInRestrictedJurisdiction"))
                    .extracting(a -> a.get("country").asText())
                    .containsExactly("RU");
            assertThat(screening.get("RigOnSanctionedNetwork")).hasSize(5);
            assertThat(report(collector, "csv")).contains("PayoutToSanctionedAddress,texas-01,xmr-0001,");
            assertThat(report(collector, "html"))
                    .contains(
                            "id=\"screening-PayoutToSanctionedAddress\"",
                            SDN_XMR,
                            "Rigs on designated hosting networks (RigOnSanctionedNetwork)</h3><table");
        }
    }

    private static JsonNode alertFor(RunningCollector collector, String rig) throws Exception {
        for (JsonNode alert : JSON.readTree(api(collector, "/api/v1/alerts")).get("alerts")) {
            if (alert.get("rig").asText().equals(rig)) {
                return alert;
            }
        }
        throw new AssertionError("no open alert for rig " + rig);
    }

    private static String report(RunningCollector collector, String format) throws Exception {
        return api(collector, "/api/v1/report?format=" + format);
    }

    /** An API read with the bearer token, as an operator's script sends it. */
    private static String api(RunningCollector collector, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://" + collector.http().getHostString() + ":"
                                                + collector.http().getPort() + path))
                                .header("Authorization", "Bearer " + collector.apiToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Replaces a watched file in one step, as an editor's save or the import command does. */
    private void replace(Path file, String text) throws Exception {
        Path next = dir.resolve(file.getFileName() + ".next");
        Files.writeString(next, text);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void publish(MqttTestClient agent, String rig, long seq, String poolUser) throws Exception {
        ObjectNode message = TestTelemetry.at("texas-01", rig, seq, 30.6557, -97.0017);
        message.putArray("pools")
                .addObject()
                .put("url", "stratum+tcp://pool.example.com:3333")
                .put("user", poolUser)
                .put("active", true);
        agent.publishAcknowledged(message);
    }
}
