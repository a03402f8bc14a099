package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.config.FleetConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shard large enough to be written in parts on several threads reads as if one thread had written it: the same
 * lines, each family's samples together under one HELP and TYPE; and gzipped, deflated part by part as it is
 * written, it is one gzip member of the same text.
 */
class FleetMetricsPartsTest {
    private static final int SITES = 25;
    private static final int RIGS_PER_SITE = 200;

    @Test
    void partsWrittenSideBySideJoinIntoTheSameFamilies() throws Exception {
        Clock clock = Clock.systemUTC();
        RigRegistry registry = new RigRegistry(
                clock, new FleetConfig(Duration.ofSeconds(60), 3, RIGS_PER_SITE), new SequenceWindows());
        GeoIndex geo = GeoIndex.loadBundled();
        var policy = new PolicyParser(geo).defaultPolicy();
        ComplianceEngine compliance = new ComplianceEngine(geo, () -> policy, ComplianceConfig.defaults(), clock);
        TelemetryCodec codec = new TelemetryCodec(clock);
        long connection = 0;
        for (int site = 0; site < SITES; site++) {
            for (int rig = 0; rig < RIGS_PER_SITE; rig++) {
                byte[] message = TestTelemetry.bytes(
                        TestTelemetry.at("site-" + site, "rig-" + rig, 1, 30 + rig / 100.0, -97 - site / 10.0));
                Telemetry telemetry = ((Decoded.Valid<Telemetry>) codec.decode(message)).value();
                registry.record(telemetry, ++connection);
                compliance.observe(new RigKey(telemetry.site(), telemetry.rig()), telemetry, ConnectionFacts.unknown());
            }
        }

        String oneThread;
        String threeThreads;
        byte[] threeThreadsGzipped;
        try (ScrapeWorkers one = new ScrapeWorkers(1);
                ScrapeWorkers three = new ScrapeWorkers(3)) {
            oneThread = text(new FleetMetrics(registry, compliance, one));
            threeThreads = text(new FleetMetrics(registry, compliance, three));
            threeThreadsGzipped = gzipped(new FleetMetrics(registry, compliance, three));
        }

        assertThat(new String(GzipMemberTest.gunzipped(threeThreadsGzipped), StandardCharsets.UTF_8))
                .as("gzipped as it is written, the same text")
                .isEqualTo(threeThreads);
        assertThat(GzipMemberTest.members(threeThreadsGzipped))
                .as("one gzip member")
                .isEqualTo(1);
        assertThat(threeThreadsGzipped.length).isLessThan(threeThreads.length() / 5);

        assertThat(threeThreads.lines().sorted().toList())
                .as("the same lines")
                .isEqualTo(oneThread.lines().sorted().toList());
        List<String> familyRuns = new ArrayList<>();
        for (String line : threeThreads.lines().toList()) {
            String family = line.startsWith("# ") ? line.split(" ")[2] : line.substring(0, line.indexOf('{'));
            if (familyRuns.isEmpty() || !familyRuns.get(familyRuns.size() - 1).equals(family)) {
                familyRuns.add(family);
            }
        }
        assertThat(familyRuns).as("each family's lines together").doesNotHaveDuplicates();
        assertThat(threeThreads.lines().filter(line -> line.startsWith("# HELP ")))
                .hasSize(familyRuns.size());
        assertThat(threeThreads.lines().filter(line -> line.startsWith("hashfence_rig_up{")))
                .hasSize(SITES * RIGS_PER_SITE);
    }

    private static String text(FleetMetrics metrics) {
        return new String(
                GzipMemberTest.joined(metrics.exposition(
                        MetricsShard.whole(), UnpooledByteBufAllocator.DEFAULT, ContentCoding.IDENTITY)),
                StandardCharsets.UTF_8);
    }

    private static byte[] gzipped(FleetMetrics metrics) {
        return GzipMemberTest.joined(
                metrics.exposition(MetricsShard.whole(), UnpooledByteBufAllocator.DEFAULT, ContentCoding.GZIP));
    }
}
