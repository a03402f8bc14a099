package io.hashfence.collector.ingest;

import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.fleet.RigRegistry;

/** Where accepted telemetry goes, in order: the registry, the compliance engine, the alert book. */
public record IngestTargets(RigRegistry registry, ComplianceEngine compliance, AlertBook alerts,
                            IpCountryDatabase ipCountries) {
}
