package io.hashfence.collector.compliance;

import java.util.Optional;

/** A rig that settles more than the configured distance from where it was is a relocation worth an event. */
final class RelocationRule implements EvidenceRule {
    private final double thresholdKm;

    RelocationRule(double thresholdKm) {
        this.thresholdKm = thresholdKm;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        Fix settled = observation.history().settled();
        if (settled == null) {
            return Optional.empty();
        }
        double km = observation.fix().kmTo(settled);
        return km > thresholdKm
                ? Optional.of(new Finding(
                        FindingKind.RELOCATED,
                        String.format("moved %.1f km from %.5f, %.5f", km, settled.lat(), settled.lon())))
                : Optional.empty();
    }
}
