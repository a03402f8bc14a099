package io.hashfence.collector.store;

import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.fleet.RigLine;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.storage.StorageHealth;

/**
 * The parts of a collector that hold the fleet's state, which a shared store reads a site's state into and writes
 * it from: the rigs, their verdicts and their alerts.
 */
public record FleetState(
        RigRegistry registry,
        RigLine rigLines,
        ComplianceEngine compliance,
        AlertBook alerts,
        CollectorJson json,
        StorageHealth health) {}
