package io.hashfence.collector.report;

import io.hashfence.collector.compliance.Trust;
import java.time.Duration;
import java.time.Instant;

/**
 * A continuous time a rig was in violation in one place.
 *
 * @param start when it began, even if before the period; if {@code beganBeforeCheckpoint}, the time of the
 *              compaction checkpoint, when it was already going on
 * @param end when it ended; null if it was still going on when the period ended
 * @param durationInPeriod the part of [start, end) within the period
 * @param restriction the policy entry it broke; null if the log does not say and no policy in force names the place
 * @param evidence the evidence the collector recorded when the violation began; null if none was recorded
 * @param trust how far the location claim could be believed when it began
 * @param beganBeforeCheckpoint whether it began before the history that retention compacted, so at or before
 *                              {@code start}
 * @param borderKm how far the rig stood from the nearest border of the country it was in when the violation began;
 *                 null if not recorded or more than 100 km
 */
public record Violation(
        Place place,
        Instant start,
        Instant end,
        Duration durationInPeriod,
        RestrictedPlace restriction,
        String evidence,
        Trust trust,
        boolean beganBeforeCheckpoint,
        Double borderKm) {

    public boolean ongoing() {
        return end == null;
    }
}
