package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Severity;

/**
 * A reason to alert about one rig, as the latest assessment shows it.
 *
 * @param country ISO 3166-1 code where the rig claims to be, or empty
 * @param subdivision ISO 3166-2 code where the rig claims to be, or empty
 * @param summary one line for people
 * @param evidence the findings behind it
 * @param borderKm distance from the rig's position to the nearest border of its country, or null (no position,
 *                 beyond 100 km, or not about a rig's position)
 */
public record Condition(
        AlertType type,
        Severity severity,
        String country,
        String subdivision,
        String summary,
        String evidence,
        String trust,
        Double borderKm) {}
