package io.hashfence.collector.report;

import io.hashfence.collector.audit.EventType;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;

/** A realistic month of a small fleet: rigs in Irkutsk and Crimea, near a border, compliant, and one unlocated. */
final class SampleFleet {
    static final String FROM = "2026-10-01T00:00:00Z";
    static final String TO = "2026-11-01T00:00:00Z";

    private SampleFleet() {}

    /** Midland, Texas: tx-02, whose location goes stale during the period. */
    static final Where MIDLAND = Where.land(ComplianceState.COMPLIANT, "US", "US-TX", 31.99, -102.08);

    static FleetHistory history() {
        Where almaty = Where.ALMATY.hashrate(95e12);
        Where irkutsk = Where.IRKUTSK.hashrate(110e12);
        return new FleetHistory()
                .policy(
                        "2026-09-01T00:00:00Z",
                        "default (ofac-comprehensive, russia-belarus)",
                        "BY",
                        "CU",
                        "IR",
                        "KP",
                        "RU",
                        "UA-09",
                        "UA-14",
                        "UA-40",
                        "UA-43")
                .firstSeen("2026-09-10T08:00:00Z", "siberia", "irk-01", irkutsk)
                .firstSeen("2026-09-12T08:00:00Z", "almaty", "alm-01", almaty)
                .firstSeen("2026-09-12T08:05:00Z", "almaty", "alm-02", almaty.hashrate(88e12))
                .firstSeen("2026-09-15T10:00:00Z", "texas", "tx-01", Where.TEXAS.hashrate(140e12))
                .firstSeen("2026-09-15T10:00:00Z", "texas", "tx-02", MIDLAND.hashrate(135e12))
                .firstSeen(
                        "2026-09-20T12:00:00Z",
                        "baltic",
                        "narva-01",
                        Where.NARVA.trust(Trust.MEDIUM).hashrate(60e12))
                .firstSeen("2026-09-25T00:00:00Z", "lab", "bench-01", Where.NOWHERE)
                .alert("2026-09-25T00:01:00Z", EventType.ALERT_OPENED, "lab", "bench-01")
                .moved("2026-10-08T06:00:00Z", "almaty", "alm-02", almaty, irkutsk.hashrate(88e12))
                .stateChanged(
                        "2026-10-08T06:00:00Z",
                        "almaty",
                        "alm-02",
                        almaty,
                        irkutsk.hashrate(88e12),
                        "gps_fix: live fix 52.29,104.29; ip_country_agrees: RU",
                        "RU")
                .alert("2026-10-08T06:00:00Z", EventType.ALERT_OPENED, "almaty", "alm-02")
                .alert("2026-10-08T09:30:00Z", EventType.ALERT_ACKNOWLEDGED, "almaty", "alm-02")
                .moved("2026-10-11T18:00:00Z", "almaty", "alm-02", irkutsk, almaty.hashrate(88e12))
                .stateChanged(
                        "2026-10-11T18:00:00Z",
                        "almaty",
                        "alm-02",
                        irkutsk,
                        almaty.hashrate(88e12),
                        "gps_fix: live fix 43.24,76.89",
                        null)
                .alert("2026-10-11T18:01:00Z", EventType.ALERT_RESOLVED, "almaty", "alm-02")
                .firstSeen("2026-10-14T03:00:00Z", "blacksea", "sev-01", Where.CRIMEA.hashrate(70e12))
                .alert("2026-10-14T03:00:00Z", EventType.ALERT_OPENED, "blacksea", "sev-01")
                .evidenceConflict(
                        "2026-10-20T03:00:00Z",
                        "blacksea",
                        "sev-01",
                        Where.CRIMEA.trust(Trust.LOW).hashrate(70e12))
                .stateChanged(
                        "2026-10-25T00:00:00Z",
                        "texas",
                        "tx-02",
                        MIDLAND,
                        MIDLAND.state(ComplianceState.UNKNOWN).trust(Trust.NONE).hashrate(0),
                        "stale_location: last fix 1h 5min ago",
                        null);
    }
}
