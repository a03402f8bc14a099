package io.hashfence.collector.report;

import io.hashfence.collector.compliance.Trust;
import java.util.List;
import java.util.Set;

/**
 * Everything the report says about one rig.
 *
 * @param model the miner model, null if unknown (a checkpoint does not keep it)
 * @param trustSeen every trust level its location claim had at some time in the period
 * @param clearances spoofing suspicions an operator cleared during the period
 */
public record RigReport(
        String site,
        String rig,
        String model,
        RigStatus atEnd,
        List<JurisdictionStay> stays,
        List<Violation> violations,
        Set<Trust> trustSeen,
        List<Clearance> clearances) {
    public RigReport {
        stays = List.copyOf(stays);
        violations = List.copyOf(violations);
        clearances = List.copyOf(clearances);
        trustSeen = Set.copyOf(trustSeen);
    }
}
