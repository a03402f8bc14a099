package io.hashfence.collector.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compliance report over a period, built from the verified event log.
 *
 * @param policies the policy in force when the period began (if any), then every policy loaded during it
 * @param compacted the history retention replaced by a checkpoint, or null if the log is complete from its start
 * @param rigs every rig known before the period ended, by site then rig
 * @param screening the screening alerts open at any time in the period, by kind (every screening alert
 *                  type is a key, with an empty list when there was none), oldest first
 * @param exemptions the policy's exemptions in force at any time in the period, in the order they were granted,
 *                   each with the screening alerts it spared
 */
public record Report(
        ReportPeriod period,
        Instant generatedAt,
        ChainHead chain,
        CompactedHistory compacted,
        List<PolicyInForce> policies,
        List<RigReport> rigs,
        FleetSummary fleet,
        Map<String, List<ScreeningAlert>> screening,
        List<ExemptionInForce> exemptions) {
    public Report {
        exemptions = List.copyOf(exemptions);
        policies = List.copyOf(policies);
        rigs = List.copyOf(rigs);
        screening = Collections.unmodifiableMap(new LinkedHashMap<>(screening));
    }

    /** The policy in force when the period ended. */
    public Optional<PolicyInForce> policyAtEnd() {
        return policies.isEmpty() ? Optional.empty() : Optional.of(policies.get(policies.size() - 1));
    }
}
