package io.hashfence.collector.ingest;

import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.audit.Auditor;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.fleet.RigRegistry;

/**
 * Where accepted telemetry goes, in order: the registry, the compliance engine, the auditor (event log),
 * the alert book; and the event log whose durability a PUBACK waits for.
 */
public record IngestTargets(RigRegistry registry, ComplianceEngine compliance, Auditor auditor, AlertBook alerts,
                            EventLog eventLog, IpCountryDatabase ipCountries) {
}
