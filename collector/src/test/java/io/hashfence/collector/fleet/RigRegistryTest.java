package io.hashfence.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.config.FleetConfig;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.Examples;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RigRegistryTest {
    private static final Instant START = Instant.parse("2026-11-26T14:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final RigRegistry registry =
            new RigRegistry(clock, new FleetConfig(Duration.ofSeconds(30), 3, 20_000), new SequenceWindows());
    private final Telemetry sample = ((Decoded.Valid<Telemetry>) new TelemetryCodec(Clock.fixed(START, ZoneOffset.UTC))
                    .decode(Examples.bytes(Examples.ANTMINER_S19)))
            .value();
    private final RigKey key = new RigKey(SiteId.of("texas-rockdale-01"), RigId.of("s19pro-0007"));

    @Test
    void rigIsUpUntilThreeIntervalsPassWithoutAMessage() {
        registry.record(sample, 1);
        RigRecord rig = registry.find(key).orElseThrow();
        assertThat(registry.isUp(rig)).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(registry.isUp(rig)).as("exactly three 10 s intervals").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(registry.isUp(rig)).isFalse();
        registry.record(withSeq(sample, sample.seq() + 1), 1);
        assertThat(registry.isUp(registry.find(key).orElseThrow())).isTrue();
    }

    @Test
    void closingTheReportingConnectionTakesItsRigsDownButNotOthers() {
        registry.record(sample, 1);
        registry.connectionClosed(key.site(), 2);
        assertThat(registry.isUp(registry.find(key).orElseThrow()))
                .as("another connection closed")
                .isTrue();
        registry.connectionClosed(key.site(), 1);
        RigRecord rig = registry.find(key).orElseThrow();
        assertThat(rig.connected()).isFalse();
        assertThat(registry.isUp(rig)).isFalse();
    }

    @Test
    void anOlderSampleIsRecordedButDoesNotReplaceTheNewestState() {
        registry.record(sample, 1);
        Telemetry older = new Telemetry(
                sample.site(),
                sample.rig(),
                sample.time().minusSeconds(60),
                1,
                sample.miner(),
                1.0,
                sample.power(),
                sample.temperatures(),
                sample.fans(),
                sample.pools(),
                sample.location(),
                null);
        clock.advance(Duration.ofSeconds(5));
        assertThat(registry.record(older, 1)).isEqualTo(Recorded.OLDER);
        RigRecord rig = registry.find(key).orElseThrow();
        assertThat(rig.latest()).isEqualTo(sample);
        assertThat(rig.lastSeen()).isEqualTo(START.plusSeconds(5));
        assertThat(rig.firstSeen()).isEqualTo(START);
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void aReplayedSequenceNumberIsADuplicateAndChangesNothing() {
        assertThat(registry.record(sample, 1)).isEqualTo(Recorded.NEWEST);
        clock.advance(Duration.ofSeconds(5));
        assertThat(registry.record(sample, 2)).isEqualTo(Recorded.DUPLICATE);
        RigRecord rig = registry.find(key).orElseThrow();
        assertThat(rig.lastSeen()).isEqualTo(START);
        assertThat(rig.connectionId()).isEqualTo(1);
        assertThat(registry.record(withSeq(sample, sample.seq() + 1), 2)).isEqualTo(Recorded.NEWEST);
    }

    @Test
    void sequenceWindowRemembersTheLast1024NumbersInAnyOrder() {
        SeenSequences seen = new SeenSequences();
        for (long seq = 5000; seq < 5100; seq += 2) {
            assertThat(seen.markNew(seq)).isTrue();
        }
        for (long seq = 5001; seq < 5100; seq += 2) {
            assertThat(seen.markNew(seq)).as("gap %d filled late", seq).isTrue();
        }
        for (long seq = 5000; seq < 5100; seq++) {
            assertThat(seen.markNew(seq)).as("%d again", seq).isFalse();
        }
        assertThat(seen.markNew(5099 + 1000)).isTrue();
        assertThat(seen.markNew(5099)).as("still inside the window").isFalse();
        assertThat(seen.markNew(5099 + 1000 + SeenSequences.WINDOW)).isTrue();
        assertThat(seen.markNew(5099 + 1000))
                .as("now beyond the window: cannot tell")
                .isTrue();
    }

    @Test
    void aSiteCannotReportMoreRigsThanItsQuota() {
        RigRegistry small =
                new RigRegistry(clock, new FleetConfig(Duration.ofSeconds(30), 3, 2), new SequenceWindows());
        assertThat(small.record(sample, 1)).isEqualTo(Recorded.NEWEST);
        assertThat(small.record(withRig(sample, "second"), 1)).isEqualTo(Recorded.NEWEST);
        assertThat(small.record(withRig(sample, "third"), 1)).isEqualTo(Recorded.OVER_QUOTA);
        assertThat(small.record(withSeq(sample, sample.seq() + 1), 1))
                .as("known rigs go on")
                .isEqualTo(Recorded.NEWEST);
        assertThat(small.size()).isEqualTo(2);
    }

    @Test
    void anIntervalWithAFractionOfASecondCountsToTheNanosecond() {
        RigRegistry fractional =
                new RigRegistry(clock, new FleetConfig(Duration.ofMillis(2_500), 3, 20_000), new SequenceWindows());
        fractional.record(withoutInterval(withSeq(sample, 2)), 1);
        clock.advance(Duration.ofMillis(7_500));
        assertThat(fractional.isUp(fractional.find(key).orElseThrow()))
                .as("exactly three 2.5 s intervals")
                .isTrue();
        clock.advance(Duration.ofNanos(1));
        assertThat(fractional.isUp(fractional.find(key).orElseThrow())).isFalse();
    }

    @Test
    void usesTheDefaultIntervalWhenTheMessageHasNone() {
        Telemetry noInterval = withoutInterval(withSeq(sample, 2));
        registry.record(noInterval, 1);
        clock.advance(Duration.ofSeconds(90));
        assertThat(registry.isUp(registry.find(key).orElseThrow())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.isUp(registry.find(key).orElseThrow())).isFalse();
    }

    @Test
    void pagesFollowSiteThenRigOrderFromAKeyWithinASiteAndWithAFilter() {
        for (String site : List.of("site-b", "site-a", "site-c")) {
            for (String rig : List.of("rig-2", "rig-1", "rig-3")) {
                registry.record(withSite(withRig(sample, rig), site), 1);
            }
        }
        registry.restore(new RigRecord(
                new RigKey(SiteId.of("site-a"), RigId.of("rig-0")),
                sample,
                START,
                START,
                Duration.ofSeconds(10),
                -1,
                false));

        assertThat(keys(registry.page(null, null, rig -> true, 4)))
                .containsExactly("site-a/rig-0", "site-a/rig-1", "site-a/rig-2", "site-a/rig-3");
        assertThat(keys(registry.page(rigKey("site-a", "rig-3"), null, rig -> true, 2)))
                .as("after the last rig of a site: the next site")
                .containsExactly("site-b/rig-1", "site-b/rig-2");
        assertThat(keys(registry.page(rigKey("site-b", "rig-15"), null, rig -> true, 2)))
                .as("after a key that is not there")
                .containsExactly("site-b/rig-2", "site-b/rig-3");
        assertThat(keys(registry.page(null, SiteId.of("site-b"), rig -> true, 10)))
                .containsExactly("site-b/rig-1", "site-b/rig-2", "site-b/rig-3");
        assertThat(keys(registry.page(rigKey("site-a", "rig-9"), SiteId.of("site-b"), rig -> true, 10)))
                .as("a position before the site: the whole site")
                .containsExactly("site-b/rig-1", "site-b/rig-2", "site-b/rig-3");
        assertThat(registry.page(rigKey("site-c", "rig-0"), SiteId.of("site-b"), rig -> true, 10))
                .as("a position after the site: nothing")
                .isEmpty();
        assertThat(registry.page(null, SiteId.of("site-z"), rig -> true, 10)).isEmpty();
        assertThat(keys(registry.page(null, null, rig -> rig.key().rig().value().equals("rig-3"), 5)))
                .containsExactly("site-a/rig-3", "site-b/rig-3", "site-c/rig-3");
    }

    @Test
    void rigKeysNamedInSeriesHashApart() {
        Set<Integer> hashes = new HashSet<>();
        for (int site = 0; site < 100; site++) {
            for (int rig = 0; rig < 1000; rig++) {
                hashes.add(rigKey(String.format("site-%03d", site), String.format("rig-%04d", rig))
                        .hashCode());
            }
        }
        assertThat(hashes).as("distinct hashes of 100,000 keys").hasSizeGreaterThan(99_000);
    }

    private static RigKey rigKey(String site, String rig) {
        return new RigKey(SiteId.of(site), RigId.of(rig));
    }

    private static List<String> keys(List<RigRecord> rigs) {
        return rigs.stream().map(rig -> rig.key().toString()).toList();
    }

    private static Telemetry withSite(Telemetry t, String site) {
        return new Telemetry(
                SiteId.of(site),
                t.rig(),
                t.time(),
                t.seq(),
                t.miner(),
                t.hashrate(),
                t.power(),
                t.temperatures(),
                t.fans(),
                t.pools(),
                t.location(),
                t.interval());
    }

    /** The sample as a message that gives no interval. */
    private static Telemetry withoutInterval(Telemetry t) {
        return new Telemetry(
                t.site(),
                t.rig(),
                t.time(),
                t.seq(),
                t.miner(),
                t.hashrate(),
                t.power(),
                t.temperatures(),
                t.fans(),
                t.pools(),
                t.location(),
                null);
    }

    private static Telemetry withRig(Telemetry t, String rig) {
        return new Telemetry(
                t.site(),
                RigId.of(rig),
                t.time(),
                t.seq(),
                t.miner(),
                t.hashrate(),
                t.power(),
                t.temperatures(),
                t.fans(),
                t.pools(),
                t.location(),
                t.interval());
    }

    private static Telemetry withSeq(Telemetry t, long seq) {
        return new Telemetry(
                t.site(),
                t.rig(),
                t.time(),
                seq,
                t.miner(),
                t.hashrate(),
                t.power(),
                t.temperatures(),
                t.fans(),
                t.pools(),
                t.location(),
                t.interval());
    }
}
