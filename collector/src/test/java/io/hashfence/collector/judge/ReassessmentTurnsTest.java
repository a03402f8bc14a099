package io.hashfence.collector.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.audit.Auditor;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.FindingKind;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.compliance.PolicyParser;
import io.hashfence.collector.config.AlertConfig;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.screening.BundledAsnDatabase;
import io.hashfence.collector.screening.SanctionsStore;
import io.hashfence.collector.screening.Screener;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic re-judging in turns: each turn re-judges one share of the rigs, and the turns of one interval
 * together re-judge every rig, so silence still turns into staleness within one interval.
 */
class ReassessmentTurnsTest {
    private static final int RIGS = 300;

    @Test
    void eachTurnJudgesOneShareAndOneIntervalOfTurnsJudgesEveryRig(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
        GeoIndex geo = GeoIndex.loadBundled();
        var policy = new PolicyParser(geo).defaultPolicy();
        var sanctions = SanctionsStore.bundled();
        ComplianceEngine compliance = new ComplianceEngine(geo, () -> policy, ComplianceConfig.defaults(), clock);
        try (EventLog eventLog = EventLog.open(dir, clock, event -> {})) {
            RigJudge judge = new RigJudge(
                    compliance,
                    new Auditor(eventLog, Map.of(), Map.of()),
                    new AlertBook(AlertConfig.defaults(), clock, notification -> {}),
                    new Screener(
                            () -> sanctions,
                            () -> policy,
                            IpCountryDatabase.loadBundled(),
                            new BundledAsnDatabase(),
                            clock));
            List<RigKey> rigs = new ArrayList<>();
            for (int i = 0; i < RIGS; i++) {
                RigKey rig = new RigKey(SiteId.of("site-" + i % 7), RigId.of("rig-" + i));
                rigs.add(rig);
                Location oslo = new Location(59.91, 10.75, LocationSource.STATIC, null, clock.instant(), false);
                judge.observe(rig, TestTelemetry.decoded(rig, clock.instant(), 1, oslo), ConnectionFacts.unknown());
            }
            assertThat(stale(compliance, rigs)).isZero();

            ReassessmentTurns turns = new ReassessmentTurns(judge, Duration.ofSeconds(30));
            assertThat(turns.shares()).isEqualTo(30);
            assertThat(turns.period()).isEqualTo(Duration.ofSeconds(1));

            clock.advance(ComplianceConfig.defaults().locationMaxAge().plusMinutes(1));
            turns.run();
            long afterOne = stale(compliance, rigs);
            assertThat(afterOne).as("one share of 30").isBetween(1L, RIGS / 10L);
            for (int turn = 1; turn < turns.shares(); turn++) {
                long before = stale(compliance, rigs);
                turns.run();
                assertThat(stale(compliance, rigs)).isGreaterThanOrEqualTo(before);
            }
            assertThat(stale(compliance, rigs))
                    .as("every rig, after one interval of turns")
                    .isEqualTo(RIGS);
        }
    }

    private static long stale(ComplianceEngine compliance, List<RigKey> rigs) {
        return rigs.stream()
                .filter(rig -> compliance.find(rig).orElseThrow().assessment().has(FindingKind.STALE_LOCATION))
                .count();
    }
}
