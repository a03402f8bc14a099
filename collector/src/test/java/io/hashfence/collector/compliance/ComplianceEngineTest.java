package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.config.CollectorLocation;
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
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each evidence rule with a case that trips it and one that does not, through the real engine and boundaries. */
class ComplianceEngineTest {
    static final double[] IRKUTSK = {52.29, 104.29};
    static final double[] ALMATY = {43.25, 76.95};
    static final double[] TOKYO = {35.68, 139.76};
    static final double[] NEAR_DONETSK = {48.30, 36.85};
    static final double[] OFF_CUBA = {23.25, -82.0};
    static final double[] SIMFEROPOL = {44.95, 34.10};
    static final double[] TSKHINVALI = {42.2276, 43.9686};
    static final double[] GORI = {41.9842, 44.1158};

    static GeoIndex geo;
    static PolicyParser parser;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    final AtomicReference<Policy> policy = new AtomicReference<>();
    final RigKey rig = new RigKey(SiteId.of("site-1"), RigId.of("rig-1"));
    long seq;

    @BeforeAll
    static void loadBoundaries() {
        geo = GeoIndex.loadBundled();
        parser = new PolicyParser(geo);
    }

    ComplianceEngine engine(ComplianceConfig config) throws PolicyException {
        policy.set(parser.defaultPolicy());
        return new ComplianceEngine(geo, policy::get, config, clock);
    }

    ComplianceEngine engine() throws PolicyException {
        return engine(ComplianceConfig.defaults());
    }

    @Test
    void aRigInIrkutskIsInViolationAndOneInAlmatyIsCompliant() throws Exception {
        ComplianceEngine engine = engine();
        Assessment irkutsk = engine.observe(rig, at(IRKUTSK, LocationSource.STATIC), noIp());
        assertThat(irkutsk.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(irkutsk.where().subdivision().code()).isEqualTo("RU-IRK");
        assertThat(irkutsk.restriction().jurisdiction().code()).isEqualTo("RU");
        assertThat(irkutsk.trust()).isEqualTo(Trust.MEDIUM);
        clock.advance(Duration.ofDays(1));
        Assessment almaty = engine.observe(rig, at(ALMATY, LocationSource.STATIC), noIp());
        assertThat(almaty.state()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(almaty.where().country().code()).isEqualTo("KZ");
    }

    @Test
    void crimeaIsRestrictedByItsIsoCodeEvenThoughTheDataPutsItUnderRussia() throws Exception {
        ComplianceEngine engine = engine();
        policy.set(parser.parse("include: [ofac-comprehensive]\n", "ofac.yml"));
        Assessment crimea = engine.observe(rig, at(SIMFEROPOL, LocationSource.STATIC), noIp());
        assertThat(crimea.where().country().code()).isEqualTo("RU");
        assertThat(crimea.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(crimea.restriction().jurisdiction().code()).isEqualTo("UA-43");
    }

    @Test
    void southOssetiaIsRussianHeldSoAPolicyOnRussiaFlagsTskhinvaliAndWarnsInGoriNearTheLine() throws Exception {
        ComplianceEngine engine = engine();
        Assessment tskhinvali = engine.observe(rig, at(TSKHINVALI, LocationSource.STATIC), noIp());
        assertThat(tskhinvali.where().claimedBy().code()).isEqualTo("GE");
        assertThat(tskhinvali.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(tskhinvali.restriction().jurisdiction().code()).isEqualTo("RU");

        Assessment gori =
                engine.observe(new RigKey(SiteId.of("s"), RigId.of("gori")), at(GORI, LocationSource.STATIC), noIp());
        assertThat(gori.where().country().code()).isEqualTo("GE");
        assertThat(gori.state())
                .as("Russia's own border is 64 km away; the South Ossetian line 8.6 km")
                .isEqualTo(ComplianceState.WARNING);
        assertThat(gori.nearestRestrictedKm()).isBetween(5.0, 12.0);
    }

    @Test
    void territorialWatersOfARestrictedStateCount() throws Exception {
        Assessment offCuba = engine().observe(rig, at(OFF_CUBA, LocationSource.GPS), noIp());
        assertThat(offCuba.where().zone()).isEqualTo(io.hashfence.geo.Zone.TERRITORIAL);
        assertThat(offCuba.state()).isEqualTo(ComplianceState.VIOLATION);
    }

    @Test
    void nearARestrictedBorderIsAWarningAndFartherIsNot() throws Exception {
        ComplianceEngine engine = engine();
        Assessment near = engine.observe(rig, at(NEAR_DONETSK, LocationSource.STATIC), noIp());
        assertThat(near.state()).isEqualTo(ComplianceState.WARNING);
        assertThat(near.nearestRestrictedKm()).isBetween(0.5, 5.0);
        assertThat(engine.observe(
                                new RigKey(SiteId.of("s"), RigId.of("far")), at(ALMATY, LocationSource.STATIC), noIp())
                        .state())
                .isEqualTo(ComplianceState.COMPLIANT);
    }

    @Test
    void noLocationOrAStaleFixMakesTheStateUnknown() throws Exception {
        ComplianceEngine engine = engine();
        Assessment none = engine.observe(rig, telemetry(null), noIp());
        assertThat(none.state()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(none.trust()).isEqualTo(Trust.NONE);
        assertThat(none.has(FindingKind.NO_LOCATION)).isTrue();

        Location old = new Location(
                ALMATY[0], ALMATY[1], LocationSource.GPS, 5.0, clock.instant().minus(Duration.ofMinutes(61)), false);
        Assessment stale = engine.observe(rig, telemetry(old), noIp());
        assertThat(stale.state()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(stale.has(FindingKind.STALE_LOCATION)).isTrue();

        Location recent = new Location(
                ALMATY[0], ALMATY[1], LocationSource.GPS, 5.0, clock.instant().minus(Duration.ofMinutes(59)), false);
        assertThat(engine.observe(rig, telemetry(recent), noIp()).has(FindingKind.STALE_LOCATION))
                .isFalse();
    }

    @Test
    void aRigWithoutLocationConnectingFromARestrictedCountryIsFlagged() throws Exception {
        Assessment hidden = engine().observe(rig, telemetry(null), ip("RU"));
        assertThat(hidden.state()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(hidden.ipCountryRestricted()).isTrue();
        assertThat(hidden.evidence()).contains("registered in RU");
    }

    @Test
    void aSilentRigBecomesUnknownWhenReassessedAfterItsFixGoesStale() throws Exception {
        ComplianceEngine engine = engine();
        engine.observe(rig, at(ALMATY, LocationSource.GPS), noIp());
        clock.advance(Duration.ofMinutes(30));
        assertThat(engine.reassess(rig)).get().extracting(Assessment::state).isEqualTo(ComplianceState.COMPLIANT);
        clock.advance(Duration.ofMinutes(31));
        assertThat(engine.reassess(rig)).get().extracting(Assessment::state).isEqualTo(ComplianceState.UNKNOWN);
    }

    @Test
    void ipCountryAgreeingWithAGpsFixGivesHighTrustAndDifferingGivesLow() throws Exception {
        ComplianceEngine engine = engine();
        Assessment agrees = engine.observe(rig, at(ALMATY, LocationSource.GPS), ip("KZ"));
        assertThat(agrees.trust()).isEqualTo(Trust.HIGH);
        assertThat(agrees.has(FindingKind.IP_COUNTRY_AGREES)).isTrue();

        Assessment differs = engine.observe(
                new RigKey(SiteId.of("s"), RigId.of("hidden")), at(ALMATY, LocationSource.GPS), ip("RU"));
        assertThat(differs.trust()).isEqualTo(Trust.LOW);
        assertThat(differs.ipCountryRestricted()).isTrue();
        assertThat(differs.evidence()).contains("registered in RU but the rig claims KZ");
    }

    @Test
    void aSimulatedFixLowersTrust() throws Exception {
        ComplianceEngine engine = engine();
        Location simulated = new Location(ALMATY[0], ALMATY[1], LocationSource.GPS, 3.0, clock.instant(), true);
        assertThat(engine.observe(rig, telemetry(simulated), noIp()).has(FindingKind.SIMULATED_FIX))
                .isTrue();
        assertThat(engine.observe(new RigKey(SiteId.of("s"), RigId.of("real")), at(ALMATY, LocationSource.GPS), noIp())
                        .has(FindingKind.SIMULATED_FIX))
                .isFalse();
    }

    @Test
    void twentyBitIdenticalGpsFixesAreFrozenCoordinatesButNineteenAreNot() throws Exception {
        ComplianceEngine engine = engine();
        Assessment last = null;
        for (int i = 1; i <= 19; i++) {
            last = engine.observe(rig, at(ALMATY, LocationSource.GPS), noIp());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(last.has(FindingKind.FROZEN_COORDINATES)).isFalse();
        last = engine.observe(rig, at(ALMATY, LocationSource.GPS), noIp());
        assertThat(last.has(FindingKind.FROZEN_COORDINATES)).isTrue();
        assertThat(last.trust()).isEqualTo(Trust.LOW);
        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.observe(rig, at(new double[] {ALMATY[0] + 0.00001, ALMATY[1]}, LocationSource.GPS), noIp())
                        .has(FindingKind.FROZEN_COORDINATES))
                .as("jitter ends the run")
                .isFalse();
    }

    @Test
    void aStaticDeclarationRepeatedIsNotFrozen() throws Exception {
        ComplianceEngine engine = engine();
        Assessment last = null;
        for (int i = 0; i < 25; i++) {
            last = engine.observe(rig, at(ALMATY, LocationSource.STATIC), noIp());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(last.has(FindingKind.FROZEN_COORDINATES)).isFalse();
    }

    @Test
    void almatyToTokyoInTenMinutesIsImpossibleButInTenHoursIsARelocation() throws Exception {
        ComplianceEngine engine = engine();
        engine.observe(rig, at(ALMATY, LocationSource.GPS), noIp());
        clock.advance(Duration.ofMinutes(10));
        Assessment jump = engine.observe(rig, at(TOKYO, LocationSource.GPS), noIp());
        assertThat(jump.has(FindingKind.IMPOSSIBLE_TRAVEL)).isTrue();
        assertThat(jump.trust()).isEqualTo(Trust.LOW);

        clock.advance(Duration.ofSeconds(10));
        Assessment afterJump = engine.observe(rig, at(TOKYO, LocationSource.GPS), noIp());
        assertThat(afterJump.has(FindingKind.IMPOSSIBLE_TRAVEL)).isFalse();
        assertThat(afterJump.has(FindingKind.RECENT_IMPOSSIBLE_TRAVEL))
                .as("the jump is held against the rig")
                .isTrue();
        assertThat(afterJump.trust()).isEqualTo(Trust.LOW);
        clock.advance(Duration.ofMinutes(30));
        assertThat(engine.reassess(rig)).get().extracting(Assessment::trust).isEqualTo(Trust.LOW);
        clock.advance(Duration.ofMinutes(31));
        Assessment later =
                engine.observe(rig, at(new double[] {TOKYO[0] + 0.00001, TOKYO[1]}, LocationSource.GPS), noIp());
        assertThat(later.has(FindingKind.RECENT_IMPOSSIBLE_TRAVEL))
                .as("an hour later it is no longer held")
                .isFalse();

        RigKey other = new RigKey(SiteId.of("s"), RigId.of("flown"));
        engine.observe(other, at(ALMATY, LocationSource.GPS), noIp());
        clock.advance(Duration.ofHours(10));
        Assessment flown = engine.observe(other, at(TOKYO, LocationSource.GPS), noIp());
        assertThat(flown.has(FindingKind.IMPOSSIBLE_TRAVEL)).isFalse();
        assertThat(flown.has(FindingKind.RELOCATED)).isTrue();
    }

    @Test
    void movingMoreThanOneKilometreIsARelocationOnceAndLessIsNot() throws Exception {
        ComplianceEngine engine = engine();
        engine.observe(rig, at(ALMATY, LocationSource.STATIC), noIp());
        clock.advance(Duration.ofHours(1));
        assertThat(engine.observe(rig, at(new double[] {ALMATY[0] + 0.004, ALMATY[1]}, LocationSource.STATIC), noIp())
                        .has(FindingKind.RELOCATED))
                .as("about 450 m")
                .isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(engine.observe(rig, at(new double[] {ALMATY[0] + 0.02, ALMATY[1]}, LocationSource.STATIC), noIp())
                        .has(FindingKind.RELOCATED))
                .as("about 2.2 km")
                .isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(engine.observe(rig, at(new double[] {ALMATY[0] + 0.02, ALMATY[1]}, LocationSource.STATIC), noIp())
                        .has(FindingKind.RELOCATED))
                .as("settled at the new place")
                .isFalse();
    }

    @Test
    void aClaimFartherThanTheRoundTripTimeAllowsIsImpossible() throws Exception {
        ComplianceConfig config = new ComplianceConfig(
                null,
                Duration.ofHours(1),
                1000,
                1,
                20,
                new CollectorLocation(TOKYO[0], TOKYO[1]),
                Duration.ofSeconds(30));
        ComplianceEngine engine = engine(config);
        Assessment beyond = engine.observe(rig, at(ALMATY, LocationSource.GPS), rtt(1.0));
        assertThat(beyond.has(FindingKind.BEYOND_RTT_BOUND)).isTrue();
        assertThat(beyond.trust()).isEqualTo(Trust.NONE);
        assertThat(beyond.evidence()).contains("RTT 1.00 ms allows at most 100 km");
        Assessment within = engine.observe(
                new RigKey(SiteId.of("s"), RigId.of("near")),
                at(new double[] {35.0, 139.5}, LocationSource.GPS),
                rtt(1.0));
        assertThat(within.has(FindingKind.WITHIN_RTT_BOUND)).isTrue();
        assertThat(within.has(FindingKind.BEYOND_RTT_BOUND)).isFalse();
    }

    @Test
    void anExemptionSparesTheRigUntilItExpires() throws Exception {
        ComplianceEngine engine = engine();
        policy.set(parser.parse("""
                include: [russia-belarus]
                exemptions:
                  - site: site-1
                    reason: decommissioning, hardware shipped out by 2026-11-27
                    expires: 2026-11-26T13:00:00Z
                """, "exempt.yml"));
        Assessment exempt = engine.observe(rig, at(IRKUTSK, LocationSource.STATIC), noIp());
        assertThat(exempt.state()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(exempt.exemption().reason()).startsWith("decommissioning");
        clock.advance(Duration.ofHours(1));
        assertThat(engine.reassess(rig)).get().extracting(Assessment::state).isEqualTo(ComplianceState.VIOLATION);
    }

    @Test
    void aPolicyChangeTakesEffectOnReassessment() throws Exception {
        ComplianceEngine engine = engine();
        assertThat(engine.observe(rig, at(ALMATY, LocationSource.STATIC), noIp())
                        .state())
                .isEqualTo(ComplianceState.COMPLIANT);
        policy.set(parser.parse("restricted:\n  - code: KZ\n    reason: test\n", "kz.yml"));
        assertThat(engine.reassess(rig)).get().extracting(Assessment::state).isEqualTo(ComplianceState.VIOLATION);
    }

    Telemetry at(double[] point, LocationSource source) {
        return telemetry(new Location(point[0], point[1], source, 10.0, clock.instant(), false));
    }

    Telemetry telemetry(Location location) {
        return TestTelemetry.decoded(rig, clock.instant(), seq++, location);
    }

    static ConnectionFacts noIp() {
        return ConnectionFacts.unknown();
    }

    static ConnectionFacts ip(String country) throws Exception {
        return new ConnectionFacts(
                InetAddress.getByName("203.0.113.7"), Optional.of(country), true, OptionalDouble::empty);
    }

    static ConnectionFacts rtt(double millis) throws Exception {
        return new ConnectionFacts(
                InetAddress.getByName("127.0.0.1"), Optional.empty(), false, () -> OptionalDouble.of(millis));
    }
}
