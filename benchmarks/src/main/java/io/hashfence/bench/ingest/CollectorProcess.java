package io.hashfence.bench.ingest;

import io.hashfence.bench.options.CollectorJar;
import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.collector.store.SharedCredentialStore;
import io.hashfence.collector.store.StoreDatabase;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped collector jar, run as users run it, with sites registered in a fresh data directory. */
final class CollectorProcess implements IngestTarget {
    private static final Pattern MQTT_PORT = Pattern.compile("MQTT listening on [^:]+:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP listening on http://[^:]+:(\\d+)");
    private static final Pattern INGEST =
            Pattern.compile("^hashfence_ingest_messages_total\\{outcome=\"([a-z_]+)\"} (\\S+)$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ChildProcess process;
    private final InetSocketAddress mqtt;
    private final URI metrics;
    private final Map<String, String> tokens;

    private final List<String> storeFlags;

    private CollectorProcess(
            ChildProcess process,
            InetSocketAddress mqtt,
            URI metrics,
            Map<String, String> tokens,
            List<String> storeFlags) {
        this.process = process;
        this.mqtt = mqtt;
        this.metrics = metrics;
        this.tokens = tokens;
        this.storeFlags = storeFlags;
    }

    /** A collector on a fresh data directory with {@code sites} sites registered, on free ports. */
    static CollectorProcess start(CollectorJar collectorJar, Path workDir, int sites) throws Exception {
        return start(collectorJar, workDir, sites, null);
    }

    /**
     * A collector with {@code sites} sites registered, on free ports: with {@code storeUrl} (not null) in that
     * shared PostgreSQL store ({@code run --store-url}; a site already there gets a new token), else in a fresh
     * data directory.
     */
    static CollectorProcess start(CollectorJar collectorJar, Path workDir, int sites, String storeUrl)
            throws Exception {
        List<String> storeFlags = storeUrl == null ? List.of() : List.of("--store-url", storeUrl);
        if (storeUrl == null) {
            return launch(
                    collectorJar,
                    workDir,
                    register(new CredentialStore(workDir.resolve("collector-data")), sites),
                    storeFlags,
                    0,
                    0);
        }
        try (StoreDatabase store = StoreDatabase.open(new StoreConfig(storeUrl, null, "bench"))) {
            return launch(collectorJar, workDir, register(SharedCredentialStore.open(store), sites), storeFlags, 0, 0);
        }
    }

    private static Map<String, String> register(SiteCredentials credentials, int sites) throws IOException {
        TokenHasher hasher = new TokenHasher();
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < sites; i++) {
            SiteId site = SiteId.of(LoadGenerator.site(i));
            tokens.put(
                    site.value(),
                    credentials.find(site).isPresent()
                            ? credentials.rotate(site, hasher)
                            : credentials.add(site, hasher));
        }
        return tokens;
    }

    /** Stops this collector and starts another on the same data directory and ports. */
    CollectorProcess restart(CollectorJar collectorJar, Path workDir) throws Exception {
        close();
        return launch(collectorJar, workDir, tokens, storeFlags, mqtt.getPort(), metrics.getPort());
    }

    private static CollectorProcess launch(
            CollectorJar collectorJar,
            Path workDir,
            Map<String, String> tokens,
            List<String> storeFlags,
            int mqttPort,
            int httpPort)
            throws Exception {
        List<String> command = new ArrayList<>(collectorJar.command(List.of(
                "run",
                "--data-dir",
                workDir.resolve("collector-data").toString(),
                "--mqtt-port",
                String.valueOf(mqttPort),
                "--http-port",
                String.valueOf(httpPort))));
        command.addAll(storeFlags);
        ChildProcess process = ChildProcess.start(command, workDir.resolve("collector.log"));
        int boundMqtt = Integer.parseInt(process.awaitLog(MQTT_PORT, Duration.ofSeconds(60)));
        int boundHttp = Integer.parseInt(process.awaitLog(HTTP_PORT, Duration.ofSeconds(60)));
        return new CollectorProcess(
                process,
                new InetSocketAddress("127.0.0.1", boundMqtt),
                URI.create("http://127.0.0.1:" + boundHttp + "/metrics"),
                tokens,
                storeFlags);
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public String name() {
        return "hashfence collector";
    }

    @Override
    public InetSocketAddress address() {
        return mqtt;
    }

    @Override
    public String password(String site) {
        return tokens.get(site);
    }

    @Override
    public long delivered() throws IOException, InterruptedException {
        return ingestOutcomes().getOrDefault("accepted", 0L);
    }

    @Override
    public long refused() throws IOException, InterruptedException {
        return ingestOutcomes().entrySet().stream()
                .filter(outcome -> !outcome.getKey().equals("accepted"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    @Override
    public double cpuSeconds() throws IOException {
        return process.cpuSeconds();
    }

    @Override
    public long rssBytes() throws IOException {
        return process.rssBytes();
    }

    /** {@code hashfence_ingest_messages_total} by outcome, read from the collector's /metrics. */
    private Map<String, Long> ingestOutcomes() throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Long> outcomes = new HashMap<>();
        Matcher matcher = INGEST.matcher(body);
        while (matcher.find()) {
            outcomes.put(matcher.group(1), (long) Double.parseDouble(matcher.group(2)));
        }
        return outcomes;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
