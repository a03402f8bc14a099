package io.hashfence.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.hashfence.collector.Collector;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.config.CollectorConfig;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.protocol.SiteId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time to alert: from a PUBLISH that puts a rig in Irkutsk Oblast leaving the client, to the collector's
 * request reaching Alertmanager's API, while background telemetry flows at a fixed rate. Alertmanager is
 * stood in for by an HTTP receiver in this JVM so that both ends share one clock.
 *
 * <p>Usage: {@code java -cp hashfence-benchmarks.jar io.hashfence.bench.TimeToAlert [background msg/s]
 * [probe seconds] [result file]}; defaults 10000, 30, target/bench/time-to-alert.json.
 */
public final class TimeToAlert {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BACKGROUND_SITES = 20;
    private static final int PROBES_PER_SECOND = 10;

    private TimeToAlert() {}

    public static void main(String[] args) throws Exception {
        int backgroundRate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int probeSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path resultFile = Path.of(args.length > 2 ? args[2] : "target/bench/time-to-alert.json");

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> alertedAt = new ConcurrentHashMap<>();
        HttpServer alertmanager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        alertmanager.createContext("/api/v2/alerts", exchange -> {
            long now = System.nanoTime();
            for (JsonNode alert : JSON.readTree(exchange.getRequestBody().readAllBytes())) {
                if ("probe".equals(alert.at("/labels/site").asText())
                        && "RigInRestrictedJurisdiction"
                                .equals(alert.at("/labels/alertname").asText())) {
                    alertedAt.putIfAbsent(alert.at("/labels/rig").asText(), now);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        alertmanager.start();

        Path dataDir = Files.createTempDirectory("hashfence-tta");
        CredentialStore credentials = new CredentialStore(dataDir);
        TokenHasher hasher = new TokenHasher();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < BACKGROUND_SITES; i++) {
            tokens.add(credentials.add(SiteId.of("load-" + i), hasher));
        }
        String probeToken = credentials.add(SiteId.of("probe"), hasher);

        CollectorConfig defaults = CollectorConfig.defaults();
        AlertConfig alerts = defaults.alerts()
                .withAlertmanager(URI.create(
                        "http://127.0.0.1:" + alertmanager.getAddress().getPort()));
        CollectorConfig config = defaults.withDataDir(dataDir)
                .withMqttPort(0)
                .withHttpPort(0)
                .withAlerts(new AlertConfig(
                        Duration.ZERO,
                        alerts.resolveAfter(),
                        alerts.relocatedHold(),
                        1000,
                        alerts.alertmanager(),
                        null,
                        Duration.ofMinutes(10),
                        alerts.sinkTimeout(),
                        1));
        try (Collector collector = Collector.start(config, Clock.systemUTC());
                MqttLoad load = new MqttLoad();
                MqttLoad probes = new MqttLoad()) {
            InetSocketAddress mqtt =
                    new InetSocketAddress("127.0.0.1", collector.mqttAddress().getPort());
            int perSite = backgroundRate / BACKGROUND_SITES;
            for (int i = 0; i < BACKGROUND_SITES; i++) {
                load.startSite(mqtt, "load-" + i, tokens.get(i), perSite, perSite, MqttLoad::texasRig);
            }
            Thread.sleep(10_000);
            long ackedBefore = load.acknowledged();
            long started = System.nanoTime();
            probes.startSite(mqtt, "probe", probeToken, 1_000_000, PROBES_PER_SECOND, (site, rig, seq) -> {
                sentAt.put(rig, System.nanoTime());
                return irkutskRig(site, rig, seq);
            });
            Thread.sleep(probeSeconds * 1000L);
            long elapsed = System.nanoTime() - started;
            double backgroundAchieved = (load.acknowledged() - ackedBefore) / (elapsed / 1e9);
            Thread.sleep(2_000);

            List<Double> millis = new ArrayList<>();
            for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
                Long alerted = alertedAt.get(sent.getKey());
                if (alerted != null) {
                    millis.add((alerted - sent.getValue()) / 1e6);
                }
            }
            Collections.sort(millis);
            ObjectNode result = JSON.createObjectNode();
            result.put("date", Instant.now().toString());
            result.put("background_target_msgs_per_s", backgroundRate);
            result.put("background_achieved_msgs_per_s", Math.round(backgroundAchieved));
            result.put("probes_sent", sentAt.size());
            result.put("probes_alerted", millis.size());
            result.put("p50_ms", percentile(millis, 0.50));
            result.put("p90_ms", percentile(millis, 0.90));
            result.put("p99_ms", percentile(millis, 0.99));
            result.put("max_ms", millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1));
            result.put("cpus", Runtime.getRuntime().availableProcessors());
            result.put("java", System.getProperty("java.version"));
            Files.createDirectories(resultFile.toAbsolutePath().getParent());
            Files.writeString(resultFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } finally {
            alertmanager.stop(0);
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, index)) * 100) / 100.0;
    }

    private static String irkutskRig(String site, String rig, long seq) {
        return MqttLoad.texasRig(site, rig, seq)
                .replace("\"lat\":31.8457,\"lon\":-102.3676", "\"lat\":52.29,\"lon\":104.29");
    }
}
