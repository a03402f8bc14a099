package io.hashfence.collector.compliance;

import io.hashfence.protocol.Location;
import io.hashfence.protocol.LocationSource;
import java.util.Optional;

/** A live GPS fix supports the claim; a static declaration is only the operator's word. */
final class LocationSourceRule implements EvidenceRule {
    @Override
    public Optional<Finding> examine(Observation observation) {
        Location location = observation.telemetry().location();
        String accuracy =
                location.accuracyMetres() == null ? "" : " (accuracy " + Math.round(location.accuracyMetres()) + " m)";
        return Optional.of(
                location.source() == LocationSource.GPS
                        ? new Finding(FindingKind.GPS_FIX, "GPS fix" + accuracy)
                        : new Finding(
                                FindingKind.STATIC_DECLARATION,
                                "position declared in the agent's configuration" + accuracy));
    }
}
