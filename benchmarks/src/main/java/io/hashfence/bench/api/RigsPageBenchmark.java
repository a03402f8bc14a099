package io.hashfence.bench.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.bench.SyntheticFleet;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.compliance.PolicyException;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.config.FleetConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.http.HttpMetrics;
import io.hashfence.collector.http.Request;
import io.hashfence.collector.http.Response;
import io.hashfence.collector.http.RigsEndpoint;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.screening.BundledAsnDatabase;
import io.hashfence.collector.screening.SanctionsStore;
import io.hashfence.collector.screening.Screener;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One page of {@code GET /api/v1/rigs} (500 rigs, the default), answered and written as JSON bytes, with 100,000
 * rigs over 100 sites in the registry, each assessed by the compliance engine (5% of them in Irkutsk, in violation
 * with an open alert): the first page, a page from a cursor halfway through the fleet, and a filtered page
 * ({@code state=violation}, which skips 19 rigs for each it shows). Apart from writing the answer: the registry's
 * walk for a page from the halfway cursor, against the baseline of copying and sorting the fleet for each page
 * (what the list did before it paged).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RigsPageBenchmark {
    private static final int SITES = 100;
    private static final int RIGS_PER_SITE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<RigKey> SITE_THEN_RIG = Comparator.comparing(
                    (RigKey key) -> key.site().value())
            .thenComparing(key -> key.rig().value());

    private RigsEndpoint endpoint;
    private RigRegistry registry;
    private RigKey halfwayRig;
    private final CollectorJson json = new CollectorJson();
    private String halfway;

    @Setup
    public void setUp() throws IOException, PolicyException {
        Clock clock = Clock.systemUTC();
        GeoIndex geo = GeoIndex.loadBundled();
        Policy policy = new PolicyParser(geo).defaultPolicy();
        TelemetryCodec codec = new TelemetryCodec(clock);
        registry = new RigRegistry(
                clock, new FleetConfig(Duration.ofSeconds(30), 3, RIGS_PER_SITE), new SequenceWindows());
        ComplianceEngine compliance = new ComplianceEngine(geo, () -> policy, ComplianceConfig.defaults(), clock);
        AlertBook alerts = new AlertBook(AlertConfig.defaults(), clock, notification -> {});
        var sanctions = SanctionsStore.bundled();
        Screener screener = new Screener(
                () -> sanctions, () -> policy, IpCountryDatabase.loadBundled(), new BundledAsnDatabase(), clock);
        long[] connection = {0};
        new SyntheticFleet(SITES, RIGS_PER_SITE, "site-%03d", "rig-%2$04d").forEach(codec, telemetry -> {
            RigKey key = new RigKey(telemetry.site(), telemetry.rig());
            registry.record(telemetry, ++connection[0]);
            alerts.update(key, compliance.observe(key, telemetry, ConnectionFacts.unknown()));
        });
        endpoint = new RigsEndpoint(registry, compliance, codec, screener, alerts, new HttpMetrics());
        String next = null;
        for (int page = 0; page < SITES * RIGS_PER_SITE / 500 / 2; page++) {
            next = JSON.readTree(page(next == null ? Map.of() : Map.of("next", List.of(next))))
                    .get("next")
                    .asText();
        }
        halfway = next;
        halfwayRig = new RigKey(SiteId.of(String.format("site-%03d", SITES / 2)), RigId.of("rig-0000"));
    }

    @Benchmark
    public List<RigRecord> registryWalkHalfwayThrough() {
        return registry.page(halfwayRig, null, rig -> true, 501);
    }

    @Benchmark
    public List<RigRecord> baselineCopyAndSortFleet() {
        return registry.all().stream()
                .sorted(Comparator.comparing(RigRecord::key, SITE_THEN_RIG))
                .filter(rig -> SITE_THEN_RIG.compare(rig.key(), halfwayRig) > 0)
                .limit(501)
                .toList();
    }

    @Benchmark
    public byte[] firstPage() {
        return page(Map.of());
    }

    @Benchmark
    public byte[] pageHalfwayThrough() {
        return page(Map.of("next", List.of(halfway)));
    }

    @Benchmark
    public byte[] violationsFirstPage() {
        return page(Map.of("state", List.of("violation")));
    }

    private byte[] page(Map<String, List<String>> query) {
        Response response = endpoint.list(new Request(HttpMethod.GET, "/api/v1/rigs", Map.of(), query, new byte[0]));
        if (response.status().code() != 200) {
            throw new IllegalStateException(new String(response.bytes(json)));
        }
        return response.bytes(json);
    }
}
