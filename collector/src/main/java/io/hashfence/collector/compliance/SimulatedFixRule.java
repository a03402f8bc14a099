package io.hashfence.collector.compliance;

import java.util.Optional;

/** gpsd marks fixes from a simulator (status 8); a real rig has no business reporting one. */
final class SimulatedFixRule implements EvidenceRule {
    @Override
    public Optional<Finding> examine(Observation observation) {
        return observation.telemetry().location().simulated()
                ? Optional.of(new Finding(FindingKind.SIMULATED_FIX, "the location source marks this fix as simulated"))
                : Optional.empty();
    }
}
