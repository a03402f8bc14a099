package io.hashfence.bench.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hashfence.bench.options.BenchOutput;
import io.hashfence.bench.options.CollectorJar;
import io.hashfence.testing.FreePorts;
import io.hashfence.testing.PostgresServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Failover of a collector behind HAProxy (docs/SCALING.md): PostgreSQL as the shared store, collectors from
 * the shipped jar, Debian's HAProxy with the shipped config, and a fleet of site connections publishing at
 * QoS 1 through HAProxy. Mid-stream the collector holding the most site connections is killed with SIGKILL;
 * its sites reconnect through HAProxy to the others. Then every site stops publishing once its samples in
 * flight are acknowledged, the collectors stop, and their sequence journals tell what each applied.
 */
@Command(
        name = "failover",
        mixinStandardHelpOptions = true,
        description = "SIGKILL one collector of a cluster behind HAProxy mid-stream; count what was lost,"
                + " applied twice and notified twice, and how long its sites took to come back.")
public final class FailoverBenchmark implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern CONNECTIONS =
            Pattern.compile("^hashfence_mqtt_connections (\\S+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Mixin
    CollectorJar collectorJar;

    @Mixin
    BenchOutput output;

    @Option(names = "--haproxy-template", required = true, description = "docker/haproxy/hashfence.cfg.template")
    Path haproxyTemplate;

    @Option(names = "--collectors", defaultValue = "3")
    int collectorCount;

    @Option(names = "--sites", defaultValue = "20")
    int siteCount;

    @Option(names = "--rigs", defaultValue = "20000")
    int rigCount;

    @Option(
            names = "--restricted-every",
            defaultValue = "100",
            description = "every Nth rig of each site claims Irkutsk")
    int restrictedEvery;

    @Option(names = "--interval", defaultValue = "10", description = "seconds between two samples of a rig")
    int intervalSeconds;

    @Option(names = "--before-kill", defaultValue = "30", description = "seconds of steady load before the kill")
    int beforeKillSeconds;

    @Option(names = "--after-kill", defaultValue = "30", description = "seconds of load once all are back")
    int afterKillSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FailoverBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path workDir = output.workDir();
        Files.createDirectories(workDir);
        try (PostgresServer postgres = PostgresServer.start();
                WebhookReceiver webhook = new WebhookReceiver()) {
            String storeUrl = postgres.jdbcUrl();
            Map<String, String> tokens = new LinkedHashMap<>();
            for (int i = 0; i < siteCount; i++) {
                String site = String.format("failover-%03d", i);
                tokens.put(site, CollectorNode.addSite(collectorJar.jar(), workDir, storeUrl, site));
            }
            log("%d sites in the shared store (%s)", siteCount, Engines.postgresql(storeUrl));
            List<CollectorNode> collectors = new ArrayList<>();
            try {
                for (int i = 1; i <= collectorCount; i++) {
                    collectors.add(
                            CollectorNode.start("collector-" + i, collectorJar, workDir, storeUrl, webhook.url()));
                }
                try (HaproxyProcess haproxy = HaproxyProcess.start(
                        haproxyTemplate, workDir, collectors, FreePorts.pick(), FreePorts.pick())) {
                    return run(collectors, haproxy, tokens, webhook, storeUrl);
                }
            } finally {
                for (CollectorNode collector : collectors) {
                    collector.close();
                }
            }
        }
    }

    private int run(
            List<CollectorNode> collectors,
            HaproxyProcess haproxy,
            Map<String, String> tokens,
            WebhookReceiver webhook,
            String storeUrl)
            throws Exception {
        Map<String, List<FleetRig>> rigsBySite = new LinkedHashMap<>();
        List<String> sites = List.copyOf(tokens.keySet());
        for (int i = 0; i < rigCount; i++) {
            rigsBySite
                    .computeIfAbsent(sites.get(i % sites.size()), site -> new ArrayList<>())
                    .add(new FleetRig(i, (i / sites.size()) % restrictedEvery == 0));
        }
        Duration interval = Duration.ofSeconds(intervalSeconds);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", haproxy.mqttPort());
        Map<String, SiteLink> links = new LinkedHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (String site : sites) {
            SiteLink link = new SiteLink(site, tokens.get(site), rigsBySite.get(site), interval, target);
            links.put(site, link);
            Thread thread = new Thread(link, "site-" + site);
            thread.start();
            threads.add(thread);
        }
        await("every site's connection is up", () -> connections(collectors) == siteCount);
        log(
                "%d rigs over %d site connections through HAProxy, one QoS 1 sample per rig every %d s",
                rigCount, siteCount, intervalSeconds);
        Thread.sleep(beforeKillSeconds * 1_000L);

        CollectorNode victim = collectors.stream()
                .max(Comparator.comparingInt(FailoverBenchmark::connectionsOf))
                .orElseThrow();
        int victimSites = connectionsOf(victim);
        Instant killed = Instant.now();
        victim.kill();
        log("SIGKILL %s, which held %d of the %d site connections", victim.name(), victimSites, siteCount);
        List<CollectorNode> survivors =
                collectors.stream().filter(c -> c != victim).toList();
        await("every site's connection is up on the surviving collectors", () -> connections(survivors) == siteCount);
        log("all %d site connections up again on %d collectors", siteCount, survivors.size());
        Thread.sleep(afterKillSeconds * 1_000L);

        links.values().forEach(SiteLink::drain);
        await(
                "every sample in flight is acknowledged",
                () -> links.values().stream().allMatch(SiteLink::finished));
        for (Thread thread : threads) {
            thread.join();
        }
        int[] lastCount = {-1};
        await("no more webhook notifications arrive (30 s quiet: the sink retries with backoff up to 30 s)", () -> {
            int now = webhook.alertsFiring() * 1_000_000 + webhook.duplicated();
            boolean quiet = now == lastCount[0];
            lastCount[0] = now;
            if (!quiet) {
                Thread.sleep(30_000);
            }
            return quiet;
        });

        List<Double> reconnectSeconds = new ArrayList<>();
        int neverBack = 0;
        for (SiteLink link : links.values()) {
            for (SiteLink.Outage outage : link.outages()) {
                if (outage.dropped().isBefore(killed)) {
                    continue;
                }
                if (outage.reconnected() == null) {
                    neverBack++;
                } else {
                    reconnectSeconds.add(
                            Duration.between(killed, outage.reconnected()).toMillis() / 1000.0);
                }
            }
        }
        for (CollectorNode collector : survivors) {
            collector.close();
        }
        AppliedSamples.Tally tally = AppliedSamples.read(
                        collectors.stream().map(CollectorNode::dataDir).toList(), storeUrl)
                .tally(rigsBySite, links);
        long refused =
                links.values().stream().mapToLong(SiteLink::refusedPublishes).sum();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("collectors", collectorCount);
        result.put("engines", List.of(HaproxyProcess.version(), Engines.postgresql(storeUrl)));
        result.put("rigs", rigCount);
        result.put("sites", siteCount);
        result.put("qos", 1);
        result.put("interval_seconds", intervalSeconds);
        result.put("killed", victim.name());
        result.put("killed_site_connections", victimSites);
        result.put("published", tally.published());
        result.put("acknowledged", tally.acknowledged());
        result.put("refused_by_puback", refused);
        result.put("acknowledged_lost", tally.acknowledgedLost());
        result.put("duplicates_applied", tally.duplicatesApplied());
        result.put("reconnected", reconnectSeconds.size());
        result.put("never_reconnected", neverBack);
        result.put("reconnected_p50_seconds", percentile(reconnectSeconds, 0.50));
        result.put("reconnected_p99_seconds", percentile(reconnectSeconds, 0.99));
        result.put("reconnected_max_seconds", percentile(reconnectSeconds, 1.0));
        result.put("alerts_notified", webhook.alertsFiring());
        result.put("alert_notifications_duplicated", webhook.duplicated());
        result.put("at", Instant.now().toString());
        Files.createDirectories(output.resultFile().toAbsolutePath().getParent());
        JSON.writeValue(output.resultFile().toFile(), result);
        System.out.println(JSON.writeValueAsString(result));
        return 0;
    }

    /** Nearest rank; 0 for no values. */
    private static double percentile(List<Double> values, double quantile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(quantile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static int connections(List<CollectorNode> collectors) {
        return collectors.stream().mapToInt(FailoverBenchmark::connectionsOf).sum();
    }

    /** The collector's {@code hashfence_mqtt_connections}; 0 when it does not answer. */
    private static int connectionsOf(CollectorNode collector) {
        try {
            String metrics = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.httpPort() + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher matcher = CONNECTIONS.matcher(metrics);
            return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : 0;
        } catch (IOException notAnswering) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + PATIENCE.toSeconds() + " s in vain until " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void log(String format, Object... args) {
        System.err.println(Instant.now() + " failover: " + String.format(format, args));
    }
}
