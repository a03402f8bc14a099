package io.hashfence.collector.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A compliance report over a period, built from the verified event log.
 *
 * @param policies the policy in force when the period began (if any), then every policy loaded during it
 * @param compacted the history retention replaced by a checkpoint, or null if the log is complete from its start
 * @param rigs every rig known before the period ended, by site then rig
 */
public record Report(ReportPeriod period, Instant generatedAt, ChainHead chain, CompactedHistory compacted,
                     List<PolicyInForce> policies, List<RigReport> rigs, FleetSummary fleet) {
    public Report {
        policies = List.copyOf(policies);
        rigs = List.copyOf(rigs);
    }

    /** The policy in force when the period ended. */
    public Optional<PolicyInForce> policyAtEnd() {
        return policies.isEmpty() ? Optional.empty() : Optional.of(policies.get(policies.size() - 1));
    }
}
