package io.hashfence.collector.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.Exemption;
import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.screening.Screening;
import io.hashfence.collector.screening.ScreeningExemption;
import io.hashfence.collector.screening.ScreeningFinding;
import io.hashfence.collector.testing.MutableClock;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor records a screening exemption when it begins to spare a rig an alert and when it stops, with
 * why: removed from the policy while the finding stays, the finding gone, or expired; and a compaction
 * checkpoint carries what each rig is spared, so a collector started from it records nothing twice.
 */
class ScreeningExemptionRecordsTest {
    private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    private static final RigKey RIG = new RigKey(SiteId.of("texas-01"), RigId.of("s19-0001"));
    private static final ScreeningExemption LICENCE = new ScreeningExemption(
            new Exemption(SiteId.of("texas-01"), null, "licence 2026-17", START.plus(Duration.ofDays(30))),
            AlertType.RIG_ON_SANCTIONED_NETWORK);

    final MutableClock clock = new MutableClock(START);

    @TempDir
    Path dir;

    @Test
    void eachBeginningAndEndIsRecordedOnceWithWhy() throws Exception {
        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            Auditor auditor = new Auditor(log, Map.of(), Map.of());
            auditor.screened(RIG, screening(LICENCE));
            auditor.screened(RIG, screening(LICENCE));
            auditor.screened(RIG, screening(null));
            auditor.screened(RIG, screening(LICENCE));
            auditor.screened(RIG, new Screening(List.of(), clock.instant(), "list"));
            auditor.screened(RIG, screening(LICENCE));
            clock.advance(Duration.ofDays(31));
            auditor.screened(RIG, screening(null));
            log.durable(log.lastEnqueued()).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        List<AuditEvent> events = read();
        assertThat(events)
                .extracting(
                        e -> e.type().label() + " " + e.data().path("because").asText())
                .containsExactly(
                        "screening_exemption_applied ",
                        "screening_exemption_ended no longer in the policy",
                        "screening_exemption_applied ",
                        "screening_exemption_ended finding gone",
                        "screening_exemption_applied ",
                        "screening_exemption_ended expired");
        AuditEvent applied = events.get(0);
        assertThat(applied.site()).isEqualTo("texas-01");
        assertThat(applied.rig()).isEqualTo("s19-0001");
        assertThat(applied.data().get("alert").asText()).isEqualTo("RigOnSanctionedNetwork");
        assertThat(applied.data().get("scope").asText()).isEqualTo("site texas-01");
        assertThat(applied.data().get("reason").asText()).isEqualTo("licence 2026-17");
        assertThat(applied.data().get("expires").asText()).isEqualTo("2026-12-31T12:00:00Z");
        assertThat(applied.data().get("evidence").asText()).isEqualTo("connection from 198.51.100.7");
    }

    @Test
    void aCheckpointCarriesWhatEachRigIsSpared() throws Exception {
        AuditKey key = AuditKey.loadOrCreate(dir);
        try (EventLog log = EventLog.open(dir, clock, e -> {})) {
            new Auditor(log, Map.of(), Map.of()).screened(RIG, screening(LICENCE));
            clock.advance(Duration.ofDays(1));
            log.durable(log.append(EventType.POLICY_CHANGED, null, AuditJson.object()))
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(log.compact(START.plus(Duration.ofHours(1)), key)).isPresent();
        }
        LogReplay replay = LogReplay.startingFrom(dir);
        try (EventLog reopened = EventLog.open(dir, clock, replay)) {
            new Auditor(reopened, replay.rigs(), replay.sparedAlerts()).screened(RIG, screening(LICENCE));
            reopened.durable(reopened.lastEnqueued()).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(replay.sparedAlerts().get(RIG))
                .containsExactly(new SparedAlert(
                        "RigOnSanctionedNetwork", "site texas-01", "licence 2026-17", "2026-12-31T12:00:00Z"));
        List<AuditEvent> kept = new ArrayList<>();
        assertThat(AuditFiles.verify(dir, kept::add).intact()).isTrue();
        assertThat(kept)
                .as("after the checkpoint, the exemption that still applies is not recorded again")
                .extracting(AuditEvent::type)
                .containsExactly(EventType.POLICY_CHANGED);
    }

    private Screening screening(ScreeningExemption exemption) {
        return new Screening(
                List.of(new ScreeningFinding(
                        AlertType.RIG_ON_SANCTIONED_NETWORK,
                        Severity.CRITICAL,
                        "",
                        "rig connects from a designated hosting network",
                        "connection from 198.51.100.7",
                        exemption)),
                clock.instant(),
                "list");
    }

    private List<AuditEvent> read() throws Exception {
        List<AuditEvent> events = new ArrayList<>();
        ChainVerifier.read(dir.resolve(EventLog.FILE_NAME), events::add);
        return events;
    }
}
