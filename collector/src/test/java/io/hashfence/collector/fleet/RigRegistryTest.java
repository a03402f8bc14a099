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
    void usesTheDefaultIntervalWhenTheMessageHasNone() {
        Telemetry noInterval = new Telemetry(
                sample.site(),
                sample.rig(),
                sample.time(),
                2,
                sample.miner(),
                sample.hashrate(),
                sample.power(),
                sample.temperatures(),
                sample.fans(),
                sample.pools(),
                sample.location(),
                null);
        registry.record(noInterval, 1);
        clock.advance(Duration.ofSeconds(90));
        assertThat(registry.isUp(registry.find(key).orElseThrow())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.isUp(registry.find(key).orElseThrow())).isFalse();
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
