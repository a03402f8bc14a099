package io.hashfence.collector.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.audit.AuditEvent;
import io.hashfence.collector.audit.Checkpoint;
import io.hashfence.collector.audit.EventType;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.compliance.Trust;
import io.hashfence.geo.Control;
import io.hashfence.geo.Zone;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    private static final String FROM = "2026-11-01T00:00:00Z";
    private static final String TO = "2026-11-02T00:00:00Z";
    private static final Where ALMATY = Where.ALMATY;
    private static final Where IRKUTSK = Where.IRKUTSK;

    private static FleetHistory withPolicy() {
        return new FleetHistory().policy("2026-10-01T00:00:00Z", "default", "RU", "UA-43");
    }

    @Test
    void staysAreClippedToThePeriodAndAViolationHasStartEndAndDuration() {
        Report report = withPolicy()
                .firstSeen("2026-10-30T00:00:00Z", "s1", "r1", ALMATY)
                .moved("2026-11-01T01:00:00Z", "s1", "r1", ALMATY, IRKUTSK)
                .stateChanged("2026-11-01T01:00:00Z", "s1", "r1", ALMATY, IRKUTSK, "gps_fix: live fix", "RU")
                .moved("2026-11-01T03:00:00Z", "s1", "r1", IRKUTSK, ALMATY)
                .stateChanged("2026-11-01T03:00:00Z", "s1", "r1", IRKUTSK, ALMATY, "gps_fix: live fix", null)
                .report(FROM, TO);

        RigReport rig = report.rigs().get(0);
        assertThat(rig.stays())
                .extracting(
                        s -> s.place().subdivision(),
                        JurisdictionStay::start,
                        JurisdictionStay::end,
                        JurisdictionStay::duration)
                .containsExactly(
                        tuple("KZ-75", at(FROM), at("2026-11-01T01:00:00Z"), Duration.ofHours(1)),
                        tuple("RU-IRK", at("2026-11-01T01:00:00Z"), at("2026-11-01T03:00:00Z"), Duration.ofHours(2)),
                        tuple("KZ-75", at("2026-11-01T03:00:00Z"), at(TO), Duration.ofHours(21)));
        assertThat(rig.violations()).singleElement().satisfies(v -> {
            assertThat(v.start()).isEqualTo(at("2026-11-01T01:00:00Z"));
            assertThat(v.end()).isEqualTo(at("2026-11-01T03:00:00Z"));
            assertThat(v.ongoing()).isFalse();
            assertThat(v.durationInPeriod()).isEqualTo(Duration.ofHours(2));
            assertThat(v.place()).isEqualTo(new Place("RU", "RU-IRK", Zone.LAND));
            assertThat(v.restriction())
                    .isEqualTo(new RestrictedPlace("RU", Severity.CRITICAL, "restricted by policy: RU"));
            assertThat(v.evidence())
                    .as("taken from the compliance_state_changed written with the move")
                    .isEqualTo("gps_fix: live fix");
            assertThat(v.trust()).isEqualTo(Trust.HIGH);
        });
        assertThat(report.fleet().timeInRestricted()).isEqualTo(Duration.ofHours(2));
        assertThat(report.fleet().violations()).isEqualTo(1);
    }

    @Test
    void aViolationBegunBeforeThePeriodAndNeverEndedIsOngoingAndCountsOnlyThePeriod() {
        Report report = withPolicy()
                .firstSeen("2026-10-31T19:00:00Z", "s1", "crimea-1", Where.CRIMEA)
                .report(FROM, TO);

        Violation violation = report.rigs().get(0).violations().get(0);
        assertThat(violation.start()).isEqualTo(at("2026-10-31T19:00:00Z"));
        assertThat(violation.end()).isNull();
        assertThat(violation.ongoing()).isTrue();
        assertThat(violation.durationInPeriod()).isEqualTo(Duration.ofDays(1));
        assertThat(violation.restriction().code())
                .as("looked up in the policy in force")
                .isEqualTo("UA-43");
        assertThat(violation.evidence()).isNull();
        assertThat(report.rigs().get(0).stays())
                .singleElement()
                .satisfies(s -> assertThat(s.start()).isEqualTo(at(FROM)))
                .satisfies(s -> assertThat(s.duration()).isEqualTo(Duration.ofDays(1)));
    }

    @Test
    void recordsAtTheStartCountAndRecordsAtTheEndDoNot() {
        Report report = withPolicy()
                .firstSeen(FROM, "s1", "r1", IRKUTSK)
                .moved(TO, "s1", "r1", IRKUTSK, ALMATY)
                .firstSeen(TO, "s1", "late", ALMATY)
                .alert(FROM, EventType.ALERT_OPENED, "s1", "r1")
                .alert(TO, EventType.ALERT_RESOLVED, "s1", "r1")
                .report(FROM, TO);

        assertThat(report.rigs()).extracting(RigReport::rig).containsExactly("r1");
        RigReport rig = report.rigs().get(0);
        assertThat(rig.stays()).singleElement().satisfies(s -> {
            assertThat(s.start()).isEqualTo(at(FROM));
            assertThat(s.end()).isEqualTo(at(TO));
        });
        assertThat(rig.violations()).singleElement().satisfies(v -> {
            assertThat(v.start()).isEqualTo(at(FROM));
            assertThat(v.ongoing()).isTrue();
            assertThat(v.durationInPeriod()).isEqualTo(Duration.ofDays(1));
        });
        assertThat(rig.atEnd().state()).isEqualTo(ComplianceState.VIOLATION);
        assertThat(report.fleet().alerts()).isEqualTo(new AlertCounts(1, 0, 0));
    }

    @Test
    void historyThatEndedBeforeThePeriodIsLeftOut() {
        Report report = withPolicy()
                .firstSeen("2026-10-20T00:00:00Z", "s1", "r1", IRKUTSK)
                .moved("2026-10-21T00:00:00Z", "s1", "r1", IRKUTSK, ALMATY)
                .stateChanged("2026-10-21T00:00:00Z", "s1", "r1", IRKUTSK, ALMATY, "gps_fix", null)
                .firstSeen("2026-10-31T00:00:00Z", "s1", "r2", IRKUTSK)
                .moved(FROM, "s1", "r2", IRKUTSK, ALMATY)
                .stateChanged(FROM, "s1", "r2", IRKUTSK, ALMATY, "gps_fix", null)
                .alert("2026-10-31T00:00:00Z", EventType.ALERT_OPENED, "s1", "r2")
                .report(FROM, TO);

        assertThat(report.rigs()).allSatisfy(rig -> {
            assertThat(rig.violations())
                    .as("%s: violations that ended by the start are not in the period", rig.rig())
                    .isEmpty();
            assertThat(rig.stays())
                    .singleElement()
                    .satisfies(s -> assertThat(s.place().subdivision()).isEqualTo("KZ-75"));
        });
        assertThat(report.fleet().timeInRestricted()).isZero();
        assertThat(report.fleet().alerts().opened()).isZero();
    }

    @Test
    void movingBetweenRestrictedPlacesSplitsTheViolation() {
        Report report = withPolicy()
                .firstSeen("2026-11-01T02:00:00Z", "s1", "r1", IRKUTSK)
                .moved("2026-11-01T05:00:00Z", "s1", "r1", IRKUTSK, Where.CRIMEA)
                .report(FROM, TO);

        assertThat(report.rigs().get(0).violations())
                .extracting(v -> v.place().subdivision(), v -> v.restriction().code(), Violation::durationInPeriod)
                .containsExactly(
                        tuple("RU-IRK", "RU", Duration.ofHours(3)), tuple("UA-43", "UA-43", Duration.ofHours(19)));
        assertThat(report.fleet().timeInRestricted()).isEqualTo(Duration.ofHours(22));
        assertThat(report.fleet().violations()).isEqualTo(2);
    }

    @Test
    void theFleetSummaryGroupsRigsAndLastHashrateByCountryAtTheEnd() {
        Report report = withPolicy()
                .firstSeen("2026-10-01T00:00:00Z", "s1", "a", IRKUTSK.hashrate(10e12))
                .relocated("2026-11-01T06:00:00Z", "s1", "a", IRKUTSK.hashrate(12e12))
                .firstSeen("2026-10-01T00:00:00Z", "s1", "b", ALMATY.hashrate(5e12))
                .moved("2026-11-01T07:00:00Z", "s1", "b", ALMATY, Where.CRIMEA.hashrate(6e12))
                .firstSeen("2026-10-01T00:00:00Z", "s2", "c", Where.NOWHERE)
                .firstSeen("2026-10-01T00:00:00Z", "s2", "d", Where.TEXAS.hashrate(1e12))
                .relocated("2026-11-03T00:00:00Z", "s2", "d", Where.TEXAS.hashrate(99e12))
                .report(FROM, TO);

        assertThat(report.fleet().byCountry())
                .as("Crimea (RU de facto, claimed by UA) is not counted under RU")
                .containsExactly(
                        new CountryTotal("RU", 1, 12e12, 0),
                        new CountryTotal("RU", "UA", Control.DE_FACTO, 1, 6e12, 0),
                        new CountryTotal("US", 1, 1e12, 0),
                        new CountryTotal(null, 1, 0, 0));
        assertThat(report.fleet().rigs()).isEqualTo(4);
        assertThat(report.fleet().hashrateHs()).isEqualTo(19e12);
        assertThat(report.rigs())
                .extracting(RigReport::site, RigReport::rig)
                .containsExactly(
                        tuple("s1", "a"), tuple("s1", "b"),
                        tuple("s2", "c"), tuple("s2", "d"));
        assertThat(report.rigs().get(2).atEnd().lat()).isNull();
        assertThat(report.rigs().get(2).atEnd().place().isKnown()).isFalse();
    }

    @Test
    void trustSeenIncludesTheTrustWhenThePeriodBeganAndNothingAfterItEnded() {
        Report report = withPolicy()
                .firstSeen("2026-10-01T00:00:00Z", "s1", "r1", ALMATY.trust(Trust.MEDIUM))
                .evidenceConflict("2026-11-01T04:00:00Z", "s1", "r1", ALMATY.trust(Trust.LOW))
                .evidenceConflict("2026-11-02T04:00:00Z", "s1", "r1", ALMATY.trust(Trust.NONE))
                .report(FROM, TO);

        RigReport rig = report.rigs().get(0);
        assertThat(rig.trustSeen()).containsExactlyInAnyOrder(Trust.MEDIUM, Trust.LOW);
        assertThat(rig.atEnd().trust()).isEqualTo(Trust.LOW);
        assertThat(rig.atEnd().state())
                .as("an evidence conflict does not change the state")
                .isEqualTo(ComplianceState.COMPLIANT);
    }

    @Test
    void policiesInForceAreTheOneAtTheStartAndThoseLoadedDuringThePeriod() {
        Report report = new FleetHistory()
                .policy("2026-09-01T00:00:00Z", "old.yaml", "CU")
                .policy("2026-10-01T00:00:00Z", "default", "RU")
                .policy("2026-11-01T12:00:00Z", "policy.yaml", "RU", "BY")
                .policy("2026-11-02T00:00:00Z", "later.yaml", "IR")
                .report(FROM, TO);

        assertThat(report.policies()).extracting(PolicyInForce::origin).containsExactly("default", "policy.yaml");
        assertThat(report.policyAtEnd()).get().extracting(PolicyInForce::origin).isEqualTo("policy.yaml");
        assertThat(report.rigs()).isEmpty();
    }

    @Test
    void anExemptionShowsUntilItExpires() {
        FleetHistory history = withPolicy()
                .firstSeen(
                        "2026-10-01T00:00:00Z",
                        "lab",
                        "spoof-01",
                        IRKUTSK.state(ComplianceState.COMPLIANT).exempt("GPS spoofing test bench"));
        assertThat(history.report(FROM, TO).rigs().get(0).atEnd().exemption()).isEqualTo("GPS spoofing test bench");

        history.add(
                "2026-11-01T10:00:00Z",
                EventType.EXEMPTION_EXPIRED,
                "lab",
                "spoof-01",
                Where.JSON.createObjectNode().put("state", "violation"));
        assertThat(history.report(FROM, TO).rigs().get(0).atEnd().exemption()).isNull();
    }

    @Test
    void aCheckpointSeedsTheRigsBeforeTheFirstRecordThatFollowsIt() {
        Checkpoint checkpoint = checkpoint(
                2, "2026-10-31T12:00:00Z", IRKUTSK.json().put("site", "s1").put("rig", "r1"));
        List<AuditEvent> rest = new FleetHistory()
                .add("2026-10-01T00:00:00Z", EventType.CHECKPOINT, null, null, Where.JSON.createObjectNode())
                .add("2026-10-01T00:00:00Z", EventType.CHECKPOINT, null, null, Where.JSON.createObjectNode())
                .firstSeen("2026-11-01T06:00:00Z", "s1", "r2", ALMATY)
                .events()
                .subList(2, 3);
        ReportBuilder builder = new ReportBuilder(new ReportPeriod(at(FROM), at(TO)));
        builder.startFrom(checkpoint);
        rest.forEach(builder);
        Report report = builder.build(new ChainHead("cd".repeat(32), 3, 1), at(TO));

        assertThat(report.compacted()).isEqualTo(new CompactedHistory(2, at("2026-10-31T12:00:00Z")));
        assertThat(report.rigs()).extracting(RigReport::rig).containsExactly("r1", "r2");
        Violation seeded = report.rigs().get(0).violations().get(0);
        assertThat(seeded.beganBeforeCheckpoint()).isTrue();
        assertThat(seeded.start()).isEqualTo(at("2026-10-31T12:00:00Z"));
        assertThat(seeded.durationInPeriod()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aCheckpointIsIgnoredWhenTheLogStillStartsFromItsFirstRecord() {
        FleetHistory history = withPolicy().firstSeen("2026-10-31T00:00:00Z", "s1", "r1", ALMATY);
        ReportBuilder builder = new ReportBuilder(new ReportPeriod(at(FROM), at(TO)));
        builder.startFrom(checkpoint(
                1, "2026-10-01T00:00:00Z", IRKUTSK.json().put("site", "s1").put("rig", "other")));
        history.events().forEach(builder);
        Report report = builder.build(new ChainHead("cd".repeat(32), 2, 2), at(TO));

        assertThat(report.compacted()).isNull();
        assertThat(report.rigs()).extracting(RigReport::rig).containsExactly("r1");
    }

    private static Checkpoint checkpoint(long throughSeq, String throughTime, ObjectNode rig) {
        ObjectNode state = Where.JSON.createObjectNode();
        state.putArray("rigs").add(rig);
        state.putArray("open_alerts");
        return new Checkpoint(throughSeq, "ef".repeat(32), at(throughTime), at(throughTime), state, "signature");
    }

    @Test
    void aPeriodMustStartBeforeItEnds() {
        assertThatThrownBy(() -> new ReportPeriod(at(TO), at(TO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be before");
    }

    private static Instant at(String time) {
        return Instant.parse(time);
    }
}
