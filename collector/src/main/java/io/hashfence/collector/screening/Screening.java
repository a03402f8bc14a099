package io.hashfence.collector.screening;

import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.alert.Condition;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the screening stage found about one rig at one moment.
 *
 * @param sanctionsList the source and date of the sanctions list screened against
 */
public record Screening(List<ScreeningFinding> findings, Instant at, String sanctionsList) {

    public Screening {
        findings = List.copyOf(findings);
    }

    /** One alert condition per type with a finding that no exemption spares: the most severe, all evidence. */
    public Map<AlertType, Condition> conditions() {
        Map<AlertType, Condition> conditions = new EnumMap<>(AlertType.class);
        for (ScreeningFinding finding : findings) {
            if (finding.exempted()) {
                continue;
            }
            conditions.merge(
                    finding.type(),
                    new Condition(
                            finding.type(),
                            finding.severity(),
                            finding.country(),
                            "",
                            finding.summary(),
                            finding.evidence(),
                            "",
                            null),
                    (a, b) -> new Condition(
                            a.type(),
                            a.severity().max(b.severity()),
                            a.country(),
                            "",
                            a.summary().endsWith(" more)") ? a.summary() : a.summary() + " (and more)",
                            a.evidence() + "; " + b.evidence(),
                            "",
                            null));
        }
        return conditions;
    }
}
