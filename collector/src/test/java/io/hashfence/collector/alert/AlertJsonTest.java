package io.hashfence.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.compliance.Severity;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
    static final Instant OPENED = Instant.parse("2026-11-26T12:00:00Z");
    static final Condition IRKUTSK = new Condition(
            AlertType.IN_RESTRICTED_JURISDICTION,
            Severity.CRITICAL,
            "RU",
            "RU-IRK",
            "rig is in Irkutsk",
            "static_declaration: declared",
            "medium",
            null);

    final Alert pending = Alert.builder()
            .id("alert-7")
            .rig(new RigKey(SiteId.of("shell-co"), RigId.of("s19-0001")))
            .type(AlertType.IN_RESTRICTED_JURISDICTION)
            .status(AlertStatus.PENDING)
            .condition(IRKUTSK)
            .openedAt(OPENED)
            .build();

    @Test
    void aPendingAlertIsWrittenWithoutTheTimesItHasNotReached() {
        assertThat(AlertJson.of(pending).toString())
                .isEqualTo("{\"id\":\"alert-7\","
                        + "\"alertname\":\"RigInRestrictedJurisdiction\",\"status\":\"pending\",\"severity\":\"critical\","
                        + "\"site\":\"shell-co\",\"rig\":\"s19-0001\",\"country\":\"RU\",\"subdivision\":\"RU-IRK\","
                        + "\"summary\":\"rig is in Irkutsk\",\"evidence\":\"static_declaration: declared\","
                        + "\"trust\":\"medium\",\"opened_at\":\"2026-11-26T12:00:00Z\"}");
    }

    @Test
    void everyAlertReadsBackAsWritten() {
        Alert firing = pending.withStatus(AlertStatus.FIRING, OPENED.plusSeconds(60));
        Alert acknowledged = firing.acknowledged("compliance officer", OPENED.plusSeconds(120));
        Alert resolved = acknowledged.withStatus(AlertStatus.RESOLVED, OPENED.plusSeconds(180));
        for (Alert alert : new Alert[] {pending, firing, acknowledged, resolved}) {
            assertThat(AlertJson.parse(AlertJson.of(alert))).isEqualTo(alert);
        }
        assertThat(resolved.firedAt()).isEqualTo(OPENED.plusSeconds(60));
        assertThat(resolved.resolvedAt()).isEqualTo(OPENED.plusSeconds(180));
        assertThat(resolved.acknowledgedBy()).isEqualTo("compliance officer");
    }

    @Test
    void newEvidenceKeepsTheLabelsTheAlertFiredWith() {
        Condition moved = new Condition(
                AlertType.IN_RESTRICTED_JURISDICTION,
                Severity.WARNING,
                "KZ",
                "KZ-ALA",
                "rig is in Almaty",
                "gps_fix: fix",
                "high",
                28.66);
        Alert refreshed = pending.withEvidence(moved);
        assertThat(refreshed.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(refreshed.country()).isEqualTo("RU");
        assertThat(refreshed.subdivision()).isEqualTo("RU-IRK");
        assertThat(refreshed.summary()).isEqualTo("rig is in Almaty");
        assertThat(refreshed.evidence()).isEqualTo("gps_fix: fix");
        assertThat(refreshed.trust()).isEqualTo("high");
        assertThat(refreshed.borderKm()).as("refreshed like the evidence").isEqualTo(28.66);
        assertThat(AlertJson.of(refreshed).get("border_km").asDouble()).isEqualTo(28.66);
        assertThat(AlertJson.parse(AlertJson.of(refreshed))).isEqualTo(refreshed);
    }
}
