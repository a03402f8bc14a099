package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rig's location history as bytes and back ({@link LocationHistoryFormat}), and through the engine's
 * {@link ComplianceEngine#savedHistory} and {@link ComplianceEngine#restoreHistory}: what one collector
 * remembers, another continues from.
 */
class LocationHistoryFormatTest {
    static final double[] TEXAS = {31.97, -102.08};
    static final double[] OSLO = {59.91, 10.75};
    static final double[] IRKUTSK = {52.29, 104.29};

    static GeoIndex geo;
    static Policy policy;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    final RigKey rig = new RigKey(SiteId.of("moving-site"), RigId.of("s19-0001"));
    long seq = 1;

    @BeforeAll
    static void loadBoundaries() throws PolicyException {
        geo = GeoIndex.loadBundled();
        policy = new PolicyParser(geo).defaultPolicy();
    }

    @Test
    void everyPartOfAHistoryReadsBackAsItWasWritten() {
        Instant t = clock.instant();
        Fix last = new Fix(59.91, 10.75, LocationSource.GPS, t);
        Fix settled = new Fix(31.97, -102.08, LocationSource.STATIC, t.minusSeconds(600));
        Fix anchor = new Fix(59.91, 10.75, LocationSource.GPS, t.minusSeconds(30));
        Fix heldFix = new Fix(52.29, 104.29, LocationSource.GPS, t.minusSeconds(900));
        RecentPositions recent = RecentPositions.NONE.with(anchor, 20).with(last, 20);
        LocationHistory history = new LocationHistory(
                last,
                settled,
                anchor,
                2,
                recent,
                t.minusSeconds(60),
                "moved 8112 km in 1.0 min",
                new HeldLocation(heldFix, geo.locate(heldFix.lat(), heldFix.lon()), t.minusSeconds(899)),
                t.minusSeconds(5),
                new SpoofSuspicion(t.minusSeconds(60), "impossible jump out of Irkutsk (RU-IRK)"));
        LocationHistoryFormat format = new LocationHistoryFormat(geo);

        LocationHistory read = format.decode(format.encode(history));

        assertThat(read)
                .usingRecursiveComparison()
                .ignoringFields("recentGps", "held.where")
                .isEqualTo(history);
        assertThat(read.held().place()).isEqualTo("Irkutsk (RU-IRK)");
        assertThat(read.recentGps().size()).isEqualTo(2);
        assertThat(read.recentGps().distinct())
                .as("two bit-identical positions")
                .isEqualTo(1);
        assertThat(read.recentGps().key(1)).isEqualTo(recent.key(1));
    }

    @Test
    void aRigsHistoryIsSmall() {
        LocationHistoryFormat format = new LocationHistoryFormat(geo);
        Fix fix = new Fix(31.97, -102.08, LocationSource.STATIC, clock.instant());
        LocationHistory declared = LocationHistory.NONE.after(fix, false, 20);
        assertThat(format.encode(declared))
                .as("a static declaration's first message: its fix, which is also the settled one")
                .hasSize(34);
        Fix later =
                new Fix(31.97, -102.08, LocationSource.STATIC, clock.instant().plusSeconds(30));
        assertThat(format.encode(declared.after(later, false, 20)))
                .as("and from its second on: the last fix and the settled one, seen at another time")
                .hasSize(59);
        LocationHistory wandering = LocationHistory.NONE;
        for (int i = 0; i < 25; i++) {
            Fix gps = new Fix(
                    31.97 + i * 1e-4,
                    -102.08,
                    LocationSource.GPS,
                    clock.instant().plusSeconds(i * 10));
            wandering = wandering.after(gps, false, 20);
        }
        assertThat(format.encode(wandering))
                .as("a real GPS receiver: its last fix, the settled one, and 20 recent positions")
                .hasSize(219);
    }

    @Test
    void bytesThatAreNotAHistorySayWhy() {
        LocationHistoryFormat format = new LocationHistoryFormat(geo);
        byte[] bytes = format.encode(
                LocationHistory.NONE.after(new Fix(31.97, -102.08, LocationSource.STATIC, clock.instant()), false, 20));

        assertThatThrownBy(() -> format.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the location history is cut short (31 bytes)");
        byte[] future = bytes.clone();
        future[0] = 9;
        assertThatThrownBy(() -> format.decode(future))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("location history version 9, this collector reads 1");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);
        assertThatThrownBy(() -> format.decode(longer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 byte(s) after the location history");
    }

    @Test
    void aRigJudgedOnOneEngineJumpsImpossiblyOnTheEngineThatTakesItsHistory() {
        ComplianceEngine first = engine(ComplianceConfig.defaults());
        first.observe(rig, telemetry(location(TEXAS, LocationSource.STATIC)), ConnectionFacts.unknown());
        byte[] stored = first.savedHistory(rig);

        ComplianceEngine second = engine(ComplianceConfig.defaults());
        second.restoreHistory(rig, stored);
        clock.advance(Duration.ofMinutes(1));
        Assessment oslo =
                second.observe(rig, telemetry(location(OSLO, LocationSource.STATIC)), ConnectionFacts.unknown());

        assertThat(oslo.detail(FindingKind.IMPOSSIBLE_TRAVEL)).startsWith("moved 8112 km in 1.0 min");
        assertThat(oslo.has(FindingKind.RELOCATED)).isTrue();
        assertThat(oslo.trust()).isEqualTo(Trust.LOW);

        ComplianceEngine fresh = engine(ComplianceConfig.defaults());
        assertThat(fresh.observe(rig, telemetry(location(OSLO, LocationSource.STATIC)), ConnectionFacts.unknown())
                        .has(FindingKind.IMPOSSIBLE_TRAVEL))
                .as("without the history the same claim is a rig's first")
                .isFalse();
    }

    @Test
    void aRunOfFrozenGpsFixesContinuesOnTheEngineThatTakesItsHistory() {
        ComplianceConfig fourFixes =
                new ComplianceConfig(null, Duration.ofHours(1), 1000, 1.0, 4, null, Duration.ofSeconds(30));
        ComplianceEngine first = engine(fourFixes);
        for (int i = 0; i < 2; i++) {
            Assessment a =
                    first.observe(rig, telemetry(location(TEXAS, LocationSource.GPS)), ConnectionFacts.unknown());
            assertThat(a.has(FindingKind.FROZEN_COORDINATES)).isFalse();
            clock.advance(Duration.ofSeconds(10));
        }
        ComplianceEngine second = engine(fourFixes);
        second.restoreHistory(rig, first.savedHistory(rig));

        Assessment third =
                second.observe(rig, telemetry(location(TEXAS, LocationSource.GPS)), ConnectionFacts.unknown());
        clock.advance(Duration.ofSeconds(10));
        Assessment fourth =
                second.observe(rig, telemetry(location(TEXAS, LocationSource.GPS)), ConnectionFacts.unknown());

        assertThat(third.has(FindingKind.FROZEN_COORDINATES)).isFalse();
        assertThat(fourth.detail(FindingKind.FROZEN_COORDINATES)).startsWith("4 consecutive GPS fixes");
        assertThat(fourth.has(FindingKind.SPOOF_SUSPECTED)).isTrue();
    }

    @Test
    void aStoredHeldPositionAndSuspicionWinOverTheAlertsButTheAlertsFillInWhatItLacks() {
        ComplianceEngine first = engine(ComplianceConfig.defaults());
        first.observe(rig, telemetry(location(IRKUTSK, LocationSource.STATIC)), ConnectionFacts.unknown());
        LocationHistory held = first.find(rig).orElseThrow().history();
        assertThat(held.held())
                .as("Irkutsk Oblast is restricted by the default policy")
                .isNotNull();

        ComplianceEngine second = engine(ComplianceConfig.defaults());
        second.restoreHistory(rig, first.savedHistory(rig));
        SpoofSuspicion fromAlert = new SpoofSuspicion(clock.instant(), "raised on another collector of the fleet");
        second.restore(rig, new double[] {TEXAS[0], TEXAS[1]}, fromAlert);
        clock.advance(Duration.ofMinutes(1));
        Assessment texas =
                second.observe(rig, telemetry(location(TEXAS, LocationSource.STATIC)), ConnectionFacts.unknown());

        assertThat(texas.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(texas.detail(FindingKind.HELD_LOCATION))
                .as("held where the stored history says, at its own time")
                .contains(
                        "last known in Irkutsk (RU-IRK)",
                        held.held().fix().time().toString());
        assertThat(texas.detail(FindingKind.SPOOF_SUSPECTED))
                .as("the stored history has no suspicion: the alert's fills in")
                .contains("raised on another collector of the fleet");
    }

    @Test
    void acrossARestartTheHeldPositionAndSuspicionAreLeftToTheEventLog() {
        ComplianceEngine before = engine(ComplianceConfig.defaults());
        before.observe(rig, telemetry(location(IRKUTSK, LocationSource.STATIC)), ConnectionFacts.unknown());
        byte[] saved = before.historiesAcrossRestarts().saved(rig);
        assertThat(before.find(rig).orElseThrow().history().held()).isNotNull();

        ComplianceEngine restarted = engine(ComplianceConfig.defaults());
        restarted.historiesAcrossRestarts().restore(rig, saved);
        assertThat(restarted.historiesAcrossRestarts().saved(rig))
                .as("restored and not heard from since: saved again as restored")
                .isNotNull();
        clock.advance(Duration.ofMinutes(1));
        Assessment texas =
                restarted.observe(rig, telemetry(location(TEXAS, LocationSource.STATIC)), ConnectionFacts.unknown());

        assertThat(texas.has(FindingKind.HELD_LOCATION))
                .as("the snapshot's held position is not taken back: the event log says whether the rig is held")
                .isFalse();
        assertThat(texas.state()).isNotEqualTo(ComplianceState.VIOLATION);
        assertThat(texas.has(FindingKind.IMPOSSIBLE_TRAVEL))
                .as("the rest of the history is: its last fix was in Irkutsk a minute ago")
                .isTrue();
    }

    private ComplianceEngine engine(ComplianceConfig config) {
        return new ComplianceEngine(geo, () -> policy, config, clock);
    }

    private Location location(double[] point, LocationSource source) {
        return new Location(point[0], point[1], source, 5.0, clock.instant(), false);
    }

    private Telemetry telemetry(Location location) {
        return TestTelemetry.decoded(rig, clock.instant(), seq++, location);
    }
}
