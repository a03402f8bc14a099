package io.hashfence.collector.report;

import java.time.Instant;

/**
 * A screening alert an exemption spared one rig: the finding as recorded when the exemption began to apply,
 * and when and why it stopped.
 *
 * @param until when the exemption stopped sparing the rig, or null while it still did at the end of the period
 * @param endedBecause {@code expired}, {@code no longer in the policy} or {@code finding gone}; null while ongoing
 */
public record SparedScreeningAlert(
        String site,
        String rig,
        String alert,
        String severity,
        String summary,
        String evidence,
        Instant from,
        Instant until,
        String endedBecause) {

    SparedScreeningAlert ended(Instant at, String because) {
        return new SparedScreeningAlert(site, rig, alert, severity, summary, evidence, from, at, because);
    }

    public boolean ongoing() {
        return until == null;
    }
}
