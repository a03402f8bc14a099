package io.hashfence.collector.alert;

import io.hashfence.collector.compliance.Severity;

/**
 * A reason to alert about one rig, as the latest assessment shows it.
 *
 * @param country ISO 3166-1 code where the rig claims to be, or empty
 * @param subdivision ISO 3166-2 code where the rig claims to be, or empty
 * @param summary one line for people
 * @param evidence the findings behind it
 */
public record Condition(AlertType type, Severity severity, String country, String subdivision, String summary,
                        String evidence, String trust) {
}
