package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.config.AlertConfig;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hidden-operation tricks, each tried as a hostile operator would through the real engine, boundaries
 * and alert book, with the honest behaviour next to it that must stay quiet.
 */
class HiddenOperationTest {
    static final double[] IRKUTSK = {52.29, 104.29};
    static final double[] TEXAS = {30.6555, -97.0014};
    static final double[] ALMATY = {43.25, 76.95};
    static final double[] SINGAPORE = {1.3521, 103.8198};

    static GeoIndex geo;
    static PolicyParser parser;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    final AtomicReference<Policy> policy = new AtomicReference<>();
    final RigKey rig = new RigKey(SiteId.of("texas-02"), RigId.of("s19-0007"));
    final SplittableRandom noise = new SplittableRandom(7);
    ComplianceEngine engine;
    AlertBook alerts;
    long seq;

    @BeforeAll
    static void loadBoundaries() {
        geo = GeoIndex.loadBundled();
        parser = new PolicyParser(geo);
    }

    @BeforeEach
    void start() throws PolicyException {
        policy.set(parser.defaultPolicy());
        engine = new ComplianceEngine(geo, policy::get, ComplianceConfig.defaults(), clock);
        alerts = new AlertBook(AlertConfig.defaults(), clock, notification -> {});
    }

    @Test
    void teleportingFromIrkutskToTexasKeepsTheViolationAndRaisesASpoofingSuspicion() {
        observe(gps(IRKUTSK), noIp());
        clock.advance(Duration.ofSeconds(60));
        Assessment texas = observe(gps(TEXAS), noIp());

        assertThat(texas.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(texas.where().subdivision().code()).isEqualTo("RU-IRK");
        assertThat(texas.has(FindingKind.IMPOSSIBLE_TRAVEL)).isTrue();
        assertThat(texas.has(FindingKind.RELOCATED))
                .as("no relocation while the move is not credible")
                .isFalse();
        assertThat(texas.detail(FindingKind.HELD_LOCATION))
                .contains("last known in Irkutsk", "RU-IRK", "US-TX", "no credible move out", "only 1 min passed");
        assertThat(texas.detail(FindingKind.SPOOF_SUSPECTED)).contains("impossible jump out of Irkutsk");
        assertThat(firingTypes()).contains(AlertType.IN_RESTRICTED_JURISDICTION, AlertType.SPOOF_SUSPECTED);

        for (int i = 0; i < 120; i++) {
            clock.advance(Duration.ofMinutes(5));
            observe(gps(TEXAS), noIp());
            alerts.tick();
        }
        Assessment tenHoursLater = engine.find(rig).orElseThrow().assessment();
        assertThat(tenHoursLater.state())
                .as("travel time alone does not clear a spoofer")
                .isEqualTo(ComplianceState.VIOLATION);
        assertThat(tenHoursLater.detail(FindingKind.HELD_LOCATION)).contains("suspected of spoofing");
        Alert violation = firing(AlertType.IN_RESTRICTED_JURISDICTION);
        assertThat(violation.subdivision()).isEqualTo("RU-IRK");
        assertThat(violation.evidence()).as("the contradicting claim is shown").contains("US-TX");
        assertThat(firing(AlertType.SPOOF_SUSPECTED).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anOperatorClearingTheSuspicionLetsACredibleMoveOutReleaseTheRig() {
        observe(gps(IRKUTSK), noIp());
        clock.advance(Duration.ofSeconds(60));
        observe(gps(TEXAS), noIp());
        assertThat(engine.clearSuspicion(rig))
                .get()
                .extracting(SpoofSuspicion::reason)
                .asString()
                .contains("impossible jump");
        assertThat(engine.find(rig).orElseThrow().assessment().state())
                .as("a minute is still no credible move")
                .isEqualTo(ComplianceState.VIOLATION);
        assertThat(engine.clearSuspicion(rig)).as("nothing left to clear").isEmpty();

        clock.advance(Duration.ofHours(12));
        Assessment later = observe(gps(TEXAS), ip("US"));
        assertThat(later.state()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(later.where().subdivision().code()).isEqualTo("US-TX");
        assertThat(later.has(FindingKind.SPOOF_SUSPECTED)).isFalse();
        assertThat(later.has(FindingKind.RELOCATED))
                .as("the move is recognised once it is credible")
                .isTrue();
    }

    @Test
    void anHonestMoveOutOfIrkutskIsReleasedAndRaisesNoSuspicion() {
        observe(gps(IRKUTSK), ip("RU"));
        clock.advance(Duration.ofDays(3));
        Assessment almaty = observe(gps(ALMATY), ip("KZ"));
        assertThat(almaty.state()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(almaty.trust()).isEqualTo(Trust.HIGH);
        assertThat(almaty.has(FindingKind.HELD_LOCATION)).isFalse();
        assertThat(almaty.has(FindingKind.SPOOF_SUSPECTED)).isFalse();
    }

    @Test
    void backDatingTheIrkutskFixDoesNotBuyTravelTime() {
        Location backDated = new Location(
                IRKUTSK[0], IRKUTSK[1], LocationSource.GPS, 5.0, clock.instant().minus(Duration.ofHours(20)), false);
        observe(backDated, noIp());
        clock.advance(Duration.ofMinutes(1));
        Assessment texas = observe(gps(TEXAS), noIp());
        assertThat(texas.state())
                .as("20 h by the rig's clock, 1 min by the collector's")
                .isEqualTo(ComplianceState.VIOLATION);
        assertThat(texas.detail(FindingKind.HELD_LOCATION)).contains("but only 1 min passed");
    }

    @Test
    void aMoveOutThatTheConnectionContradictsIsNoCredibleMove() {
        observe(gps(IRKUTSK), noIp());
        clock.advance(Duration.ofDays(3));
        Assessment almaty = observe(gps(ALMATY), ip("US"));
        assertThat(almaty.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(almaty.detail(FindingKind.HELD_LOCATION)).contains("203.0.113.7 is registered in US");
        assertThat(almaty.has(FindingKind.SPOOF_SUSPECTED))
                .as("an unrestricted country may be a VPN")
                .isFalse();
    }

    @Test
    void goingDarkAfterAnIrkutskFixKeepsTheViolation() {
        observe(gps(IRKUTSK), noIp());
        Instant dark = clock.instant().plusSeconds(10);
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(10));
            observe(null, noIp());
            alerts.tick();
        }
        Assessment hidden = engine.find(rig).orElseThrow().assessment();
        assertThat(hidden.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(hidden.detail(FindingKind.HELD_LOCATION))
                .contains("last known in Irkutsk (RU-IRK) at 52.29000, 104.29000", "; location withheld since " + dark);
        assertThat(firing(AlertType.IN_RESTRICTED_JURISDICTION).subdivision()).isEqualTo("RU-IRK");
        assertThat(firingTypes()).doesNotContain(AlertType.LOCATION_UNKNOWN);

        clock.advance(Duration.ofHours(3));
        assertThat(engine.reassess(rig))
                .get()
                .extracting(Assessment::state)
                .as("silence does not clear it either")
                .isEqualTo(ComplianceState.VIOLATION);
    }

    @Test
    void aStaleIrkutskFixIsAViolationNotAnUnknown() {
        Location twoHoursOld = new Location(
                IRKUTSK[0], IRKUTSK[1], LocationSource.GPS, 5.0, clock.instant().minus(Duration.ofHours(2)), false);
        Assessment stale = observe(twoHoursOld, noIp());
        assertThat(stale.has(FindingKind.STALE_LOCATION)).isTrue();
        assertThat(stale.state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(firing(AlertType.IN_RESTRICTED_JURISDICTION).severity()).isEqualTo(Severity.CRITICAL);

        Location staleAlmaty = new Location(
                ALMATY[0], ALMATY[1], LocationSource.GPS, 5.0, clock.instant().minus(Duration.ofHours(2)), false);
        RigKey honest = new RigKey(SiteId.of("kz-01"), RigId.of("rig-1"));
        assertThat(engine.observe(honest, telemetry(honest, staleAlmaty), noIp())
                        .state())
                .as("a stale fix elsewhere is still unknown")
                .isEqualTo(ComplianceState.UNKNOWN);
    }

    @Test
    void positionsDitheredBelowACentimetreAreSpoofingAndARealReceiversNoiseIsNot() {
        Assessment last = null;
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(10));
            double dither = i % 2 == 0 ? 0 : 1e-9;
            last = observe(gps(new double[] {SINGAPORE[0] + dither, SINGAPORE[1] + dither}), noIp());
        }
        assertThat(last.has(FindingKind.FROZEN_COORDINATES)).isTrue();
        assertThat(last.detail(FindingKind.SPOOF_SUSPECTED)).contains("within 1 cm");
        assertThat(firing(AlertType.SPOOF_SUSPECTED).severity()).isEqualTo(Severity.CRITICAL);

        RigKey honest = new RigKey(SiteId.of("sg-01"), RigId.of("gpu-1"));
        Assessment real = null;
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofSeconds(10));
            real = engine.observe(honest, telemetry(honest, gps(jittered(SINGAPORE, 3.0))), noIp());
            alerts.update(honest, real);
        }
        assertThat(real.findings())
                .extracting(Finding::kind)
                .doesNotContain(
                        FindingKind.FROZEN_COORDINATES, FindingKind.REPEATING_POSITIONS, FindingKind.SPOOF_SUSPECTED);
        assertThat(alerts.open()).filteredOn(a -> a.rig().equals(honest)).isEmpty();
    }

    @Test
    void positionsThatRepeatExactlyAreSpoofingEvenMetresApart() {
        double[][] pattern = {SINGAPORE, {SINGAPORE[0] + 0.00003, SINGAPORE[1]}, {SINGAPORE[0], SINGAPORE[1] + 0.00003}
        };
        Assessment last = null;
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(10));
            last = observe(gps(pattern[i % 3]), noIp());
        }
        assertThat(last.has(FindingKind.REPEATING_POSITIONS)).isTrue();
        assertThat(last.has(FindingKind.FROZEN_COORDINATES)).isFalse();
        assertThat(last.has(FindingKind.SPOOF_SUSPECTED)).isTrue();
    }

    @Test
    void aStaticDeclarationRepeatedRaisesNothing() {
        Assessment last = null;
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(10));
            last = observe(new Location(TEXAS[0], TEXAS[1], LocationSource.STATIC, 100.0, null, false), ip("US"));
        }
        assertThat(last.state()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(last.trust()).isEqualTo(Trust.MEDIUM);
        assertThat(alerts.open()).isEmpty();
    }

    @Test
    void aFixMarkedSimulatedIsSpoofing() {
        Location simulated = new Location(SINGAPORE[0], SINGAPORE[1], LocationSource.GPS, 3.0, clock.instant(), true);
        Assessment assessment = observe(simulated, noIp());
        assertThat(assessment.detail(FindingKind.SPOOF_SUSPECTED)).contains("simulated");
        assertThat(firingTypes()).contains(AlertType.SPOOF_SUSPECTED);
    }

    @Test
    void aShellCompanyRigClaimingSingaporeFromARussianAddressIsSpoofingAndAnAgreeingAddressIsNot() {
        Assessment shell = observe(gps(SINGAPORE), ip("RU"));
        assertThat(shell.state()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(shell.detail(FindingKind.SPOOF_SUSPECTED))
                .contains("claims SG but connects from 203.0.113.7, registered in RU, which the policy restricts");
        assertThat(firing(AlertType.SPOOF_SUSPECTED).severity()).isEqualTo(Severity.CRITICAL);

        RigKey honest = new RigKey(SiteId.of("sg-01"), RigId.of("rig-1"));
        Assessment agrees = engine.observe(honest, telemetry(honest, gps(SINGAPORE)), ip("SG"));
        assertThat(agrees.trust()).isEqualTo(Trust.HIGH);
        assertThat(agrees.has(FindingKind.SPOOF_SUSPECTED)).isFalse();
    }

    @Test
    void anExemptRigRaisesNoSuspicion() throws Exception {
        policy.set(parser.parse("""
                include: [ofac-comprehensive, russia-belarus]
                exemptions:
                  - site: texas-02
                    rig: s19-0007
                    reason: GPS spoofing test bench
                    expires: 2027-01-01T00:00:00Z
                """, "bench.yml"));
        Location simulated = new Location(SINGAPORE[0], SINGAPORE[1], LocationSource.GPS, 3.0, clock.instant(), true);
        Assessment bench = observe(simulated, ip("RU"));
        assertThat(bench.has(FindingKind.SIMULATED_FIX)).isTrue();
        assertThat(bench.has(FindingKind.SPOOF_SUSPECTED)).isFalse();
        assertThat(firingTypes()).doesNotContain(AlertType.SPOOF_SUSPECTED);
    }

    @Test
    void aSuspicionStaysUntilClearedAndAnOngoingSignRaisesItAgain() {
        observe(gps(SINGAPORE), ip("RU"));
        clock.advance(Duration.ofDays(2));
        assertThat(observe(gps(SINGAPORE), ip("SG")).has(FindingKind.SPOOF_SUSPECTED))
                .as("sticky")
                .isTrue();
        assertThat(engine.reassess(rig))
                .get()
                .extracting(a -> a.has(FindingKind.SPOOF_SUSPECTED))
                .isEqualTo(true);
        engine.clearSuspicion(rig);
        assertThat(engine.find(rig).orElseThrow().assessment().has(FindingKind.SPOOF_SUSPECTED))
                .isFalse();
        assertThat(observe(gps(SINGAPORE), ip("SG")).has(FindingKind.SPOOF_SUSPECTED))
                .isFalse();
        assertThat(observe(gps(SINGAPORE), ip("RU")).has(FindingKind.SPOOF_SUSPECTED))
                .isTrue();
    }

    @Test
    void aPolicyThatNoLongerRestrictsTheHeldPlaceReleasesItOnReassessment() throws Exception {
        observe(gps(IRKUTSK), noIp());
        clock.advance(Duration.ofSeconds(60));
        assertThat(observe(null, noIp()).state()).isEqualTo(ComplianceState.VIOLATION);
        policy.set(parser.parse("include: [ofac-comprehensive]\n", "ofac.yml"));
        assertThat(engine.reassess(rig)).get().extracting(Assessment::state).isEqualTo(ComplianceState.UNKNOWN);
    }

    @Test
    void aPlaceRestrictedAndThenReleasedByThePolicyFollowsThePolicyBothWays() throws Exception {
        observe(gps(ALMATY), noIp());
        policy.set(parser.parse("restricted:\n  - code: KZ\n    reason: test\n", "kz.yml"));
        assertThat(engine.reassess(rig)).get().extracting(Assessment::state).isEqualTo(ComplianceState.VIOLATION);
        policy.set(parser.defaultPolicy());
        assertThat(engine.reassess(rig)).get().extracting(Assessment::state).isEqualTo(ComplianceState.COMPLIANT);
    }

    private Assessment observe(Location location, ConnectionFacts connection) {
        Assessment assessment = engine.observe(rig, telemetry(rig, location), connection);
        alerts.update(rig, assessment);
        return assessment;
    }

    private List<AlertType> firingTypes() {
        return alerts.firing().stream()
                .filter(a -> a.rig().equals(rig))
                .map(Alert::type)
                .toList();
    }

    private Alert firing(AlertType type) {
        return alerts.firing().stream()
                .filter(a -> a.rig().equals(rig) && a.type() == type)
                .findFirst()
                .orElseThrow();
    }

    private Location gps(double[] point) {
        return new Location(point[0], point[1], LocationSource.GPS, 5.0, clock.instant(), false);
    }

    /** A fixed rig's real receiver: metre-scale noise in both axes. */
    private double[] jittered(double[] point, double metres) {
        double degrees = metres / 111_320;
        return new double[] {point[0] + degrees * noise.nextGaussian(), point[1] + degrees * noise.nextGaussian()};
    }

    private Telemetry telemetry(RigKey key, Location location) {
        return TestTelemetry.decoded(key, clock.instant(), seq++, location);
    }

    static ConnectionFacts noIp() {
        return ConnectionFacts.unknown();
    }

    static ConnectionFacts ip(String country) {
        try {
            return new ConnectionFacts(
                    InetAddress.getByName("203.0.113.7"), Optional.of(country), true, OptionalDouble::empty);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
