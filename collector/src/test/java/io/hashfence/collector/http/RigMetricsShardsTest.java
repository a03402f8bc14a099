package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-rig series in shards: {@code /metrics} holds only the collector's own series, the shards that
 * {@code /api/v1/scrape-targets} lists hold every rig's series exactly once, and the HTTP service discovery answer
 * names the same paths for Prometheus.
 */
class RigMetricsShardsTest {
    private static final String BAD_PARAMETER = "hashfence_http_requests_refused_total{reason=\"bad_parameter\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHARDS = 3;
    private static final int RIGS = 40;

    @TempDir
    static Path dataDir;

    private static RunningCollector collector;

    @BeforeAll
    static void startWithRigs() throws Exception {
        collector = new RunningCollector(
                dataDir, config -> config.withHttp(config.http().withMetricsShards(SHARDS)));
        String token = collector.addSite("shard-site");
        ObjectNode[] messages = new ObjectNode[RIGS];
        for (int i = 0; i < RIGS; i++) {
            messages[i] = TestTelemetry.at("shard-site", "rig-" + i, 1, 59.91, 10.75);
        }
        collector.publishAs("shard-site", token, messages);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void theScrapeTargetsAreMetricsAndEachShard() throws Exception {
        JsonNode targets = JSON.readTree(collector.get("/api/v1/scrape-targets").body());
        assertThat(targets.path("paths"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "/metrics",
                        "/metrics/rigs?shard=0&of=3",
                        "/metrics/rigs?shard=1&of=3",
                        "/metrics/rigs?shard=2&of=3");
    }

    @Test
    void metricsHoldsNoRigSeriesAndTheShardsHoldEachRigOnce() throws Exception {
        assertThat(MetricsScrape.get(collector.http(), "/metrics").body())
                .contains("hashfence_ingest_messages_total")
                .doesNotContain("hashfence_rig_");

        List<String> upSeries = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            HttpResponse<String> scraped =
                    MetricsScrape.get(collector.http(), "/metrics/rigs?shard=" + shard + "&of=" + SHARDS);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("content-type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scraped.body()).contains("# TYPE hashfence_rig_up gauge");
            upSeries.addAll(lines(scraped.body(), "hashfence_rig_up{"));
        }
        assertThat(upSeries).hasSize(RIGS).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(upSeries))
                .isEqualTo(lines(
                        MetricsScrape.get(collector.http(), "/metrics/rigs").body(), "hashfence_rig_up{"));
        assertThat(upSeries)
                .as("down: the agent left after publishing")
                .contains("hashfence_rig_up{rig=\"rig-7\",site=\"shard-site\"} 0.0");
    }

    @Test
    void everyRigHasItsSeriesInItsShard() throws Exception {
        String all = MetricsScrape.get(collector.http(), "/metrics/rigs").body();
        String labels = "{rig=\"rig-3\",site=\"shard-site\"}";
        assertThat(all)
                .contains("hashfence_rig_hashrate_hashes_per_second" + labels + " ")
                .contains("hashfence_rig_compliance_state{rig=\"rig-3\",site=\"shard-site\",state=\"compliant\"} 1.0")
                .contains("hashfence_rig_latitude_degrees" + labels + " 59.91")
                .containsPattern("hashfence_rig_info\\{claimed_by=\"\",country=\"NO\",[^}]*rig=\"rig-3\",site="
                        + "\"shard-site\",subdivision=\"[^\"]*\"} 1.0");
    }

    @Test
    void aShardIsAnsweredGzippedWhenAsked() throws Exception {
        HttpResponse<byte[]> gzipped = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + collector.http().getPort() + "/metrics/rigs?shard=0&of=1"))
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
        String body = new String(
                new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body())).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(lines(body, "hashfence_rig_up{")).hasSize(RIGS);
    }

    @Test
    void aWrongShardIsRefusedSayingWhy() throws Exception {
        double refusedBefore = MetricsScrape.sample(collector.http(), BAD_PARAMETER);
        assertThat(MetricsScrape.get(collector.http(), "/metrics/rigs?shard=3&of=3"))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("shard must be between 0 and 2, got 3"));
        assertThat(MetricsScrape.get(collector.http(), "/metrics/rigs?shard=0").body())
                .contains("shard and of go together");
        assertThat(MetricsScrape.get(collector.http(), "/metrics/rigs?shard=x&of=2")
                        .body())
                .contains("shard must be a whole number, got \\\"x\\\"");
        assertThat(MetricsScrape.get(collector.http(), "/metrics/rigs?shard=0&of=0")
                        .body())
                .contains("of must be between 1 and 256, got 0");
        assertThat(MetricsScrape.sample(collector.http(), BAD_PARAMETER) - refusedBefore)
                .as("each refusal counted")
                .isEqualTo(4);
    }

    @Test
    void theServiceDiscoveryAnswerNamesTheAddressAskedAtAndEachPath() throws Exception {
        HttpResponse<String> sd = MetricsScrape.get(collector.http(), "/api/v1/scrape-targets/prometheus");
        assertThat(sd.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonNode groups = JSON.readTree(sd.body());
        String address = "127.0.0.1:" + collector.http().getPort();
        assertThat(groups).hasSize(SHARDS + 1);
        assertThat(groups)
                .allSatisfy(group -> assertThat(group.path("targets"))
                        .extracting(JsonNode::asText)
                        .containsExactly(address));
        assertThat(groups.get(0).path("labels").path("__metrics_path__").asText())
                .isEqualTo("/metrics");
        JsonNode second = groups.get(2).path("labels");
        assertThat(second.path("__metrics_path__").asText()).isEqualTo("/metrics/rigs");
        assertThat(second.path("__param_shard").asText()).isEqualTo("1");
        assertThat(second.path("__param_of").asText()).isEqualTo("3");
        assertThat(second.path("shard").asText()).isEqualTo("1/3");
    }

    private static Set<String> lines(String exposition, String prefix) {
        return Arrays.stream(exposition.split("\n"))
                .filter(line -> line.startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
