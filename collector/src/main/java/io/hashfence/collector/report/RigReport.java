package io.hashfence.collector.report;

import io.hashfence.collector.compliance.Trust;
import java.util.List;
import java.util.Set;

/**
 * Everything the report says about one rig.
 *
 * @param model the miner model, null if unknown (a checkpoint does not keep it)
 * @param trustSeen every trust level its location claim had at some time in the period
 */
public record RigReport(String site, String rig, String model, RigStatus atEnd, List<JurisdictionStay> stays,
                        List<Violation> violations, Set<Trust> trustSeen) {
    public RigReport {
        stays = List.copyOf(stays);
        violations = List.copyOf(violations);
        trustSeen = Set.copyOf(trustSeen);
    }
}
