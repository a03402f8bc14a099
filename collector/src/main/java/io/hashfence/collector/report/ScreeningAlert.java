package io.hashfence.collector.report;

import java.time.Instant;

/**
 * A screening alert (payout, pool or hosting network) that was open during the period, as the event log
 * recorded it.
 *
 * @param country the pool's or connection's country where the alert concerns one, else empty
 * @param resolvedAt when it resolved, or null when it was still open at the end of the period
 */
public record ScreeningAlert(
        String alertname,
        String site,
        String rig,
        String severity,
        String country,
        Instant firedAt,
        Instant resolvedAt,
        String summary,
        String evidence) {

    ScreeningAlert resolved(Instant at) {
        return new ScreeningAlert(alertname, site, rig, severity, country, firedAt, at, summary, evidence);
    }

    public boolean ongoing() {
        return resolvedAt == null;
    }
}
