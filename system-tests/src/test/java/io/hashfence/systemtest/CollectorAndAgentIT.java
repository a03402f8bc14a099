package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation end to end, with the shipped jars: a site is added with the CLI, the collector runs on
 * free ports, the real agent simulates rigs, and the rigs show in /metrics and the API. Both JVMs run
 * Netty's leak detector at PARANOID; a leak report in their logs fails the test.
 */
class CollectorAndAgentIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void simulatedRigsReachMetricsAndTheApi() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, "e2e-site");
        assertThat(token).matches("hf_[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(dataDir.resolve("sites.json"))).doesNotContain(token);

        try (JarProcess collector = JarProcess.runCollector(workDir, dataDir)) {
            int mqttPort = collector.mqttPort();
            int httpPort = collector.httpPort();

            try (JarProcess agent = JarProcess.start(
                    JarProcess.agentJar(),
                    workDir,
                    Map.of("HASHFENCE_TOKEN", token),
                    "simulate",
                    "--rigs",
                    "5",
                    "--site",
                    "e2e-site",
                    "--collector",
                    "tcp://127.0.0.1:" + mqttPort,
                    "--interval",
                    "1s",
                    "--seed",
                    "7")) {
                List<JsonNode> rigs = awaitRigs(httpPort, dataDir, 5, agent);
                assertThat(get(httpPort, "/api/v1/rigs").statusCode())
                        .as("the API needs the token")
                        .isEqualTo(401);
                String rigMetrics = get(httpPort, "/metrics/rigs").body();
                for (JsonNode rig : rigs) {
                    String labels = "{rig=\"" + rig.get("rig").asText() + "\",site=\"e2e-site\"}";
                    assertThat(sample(rigMetrics, "hashfence_rig_hashrate_hashes_per_second" + labels))
                            .isPositive();
                    assertThat(sample(rigMetrics, "hashfence_rig_power_watts" + labels))
                            .isPositive();
                    assertThat(sample(rigMetrics, "hashfence_rig_up" + labels)).isEqualTo(1.0);
                    assertThat(rig.get("up").asBoolean()).isTrue();
                    String one = CollectorApi.get(
                                    httpPort,
                                    dataDir,
                                    "/api/v1/rigs/e2e-site/" + rig.get("rig").asText())
                            .body();
                    assertThat(JSON.readTree(one).at("/latest/miner/status").asText())
                            .isNotEmpty();
                }
                assertThat(sample(
                                get(httpPort, "/metrics").body(),
                                "hashfence_ingest_messages_total{outcome=\"accepted\"}"))
                        .isGreaterThanOrEqualTo(5);
            }
            awaitAllDown(httpPort, dataDir);
            collector.stop();
            assertThat(collector.stderr()).doesNotContain("LEAK:");
        }
    }

    @Test
    void badFlagsGetAClearErrorAndANonZeroExit() throws Exception {
        JarProcess collector = JarProcess.start(
                JarProcess.collectorJar(),
                workDir,
                Map.of(),
                "run",
                "--mqtt-port",
                "70000",
                "--data-dir",
                workDir.resolve("data").toString());
        assertThat(collector.waitFor()).isNotZero();
        assertThat(collector.stderr()).contains("mqtt.port must be within [0, 65535], got 70000");

        JarProcess badSite = JarProcess.start(
                JarProcess.collectorJar(),
                workDir,
                Map.of(),
                "sites",
                "add",
                "no spaces allowed",
                "--data-dir",
                workDir.resolve("data").toString());
        assertThat(badSite.waitFor()).isEqualTo(2);
        assertThat(badSite.stderr()).contains("SITE must match");
    }

    private List<JsonNode> awaitRigs(int httpPort, Path dataDir, int count, JarProcess agent) throws Exception {
        List<JsonNode> rigs = Await.value(count + " rigs in the API", () -> {
            assertThat(agent.isAlive())
                    .as("agent still running; its log:\n" + agent.stderr())
                    .isTrue();
            List<JsonNode> seen = CollectorApi.every(httpPort, dataDir, "rigs", "");
            return seen.size() >= count ? Optional.of(seen) : Optional.empty();
        });
        assertThat(rigs).hasSize(count);
        return rigs;
    }

    private void awaitAllDown(int httpPort, Path dataDir) throws Exception {
        Await.until("every rig is down after the agent stopped", () -> {
            List<String> up = new ArrayList<>();
            for (JsonNode rig : CollectorApi.every(httpPort, dataDir, "rigs", "")) {
                if (rig.get("up").asBoolean()) {
                    up.add(rig.get("rig").asText());
                }
            }
            assertThat(up).as("rigs still up").isEmpty();
            return true;
        });
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + series + " in:\n" + metrics);
    }
}
