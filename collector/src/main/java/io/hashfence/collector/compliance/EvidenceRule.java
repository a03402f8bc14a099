package io.hashfence.collector.compliance;

import java.util.Optional;

/** One check of a location claim against other evidence. */
interface EvidenceRule {
    Optional<Finding> examine(Observation observation);
}
