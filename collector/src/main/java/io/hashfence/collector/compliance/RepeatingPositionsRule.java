package io.hashfence.collector.compliance;

import io.hashfence.protocol.LocationSource;
import java.util.Optional;

/**
 * A real receiver's noise almost never gives the same coordinate pair twice; a "GPS" source whose recent
 * fixes cycle through a few exact positions is synthetic, however far apart those positions are. (One position
 * repeated is {@link FrozenCoordinatesRule}'s case.)
 */
final class RepeatingPositionsRule implements EvidenceRule {
    private final int window;

    RepeatingPositionsRule(int window) {
        this.window = window;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        if (observation.fix().source() != LocationSource.GPS) {
            return Optional.empty();
        }
        RecentPositions recent = observation.history().recentGps().with(observation.fix(), window);
        if (recent.size() < window) {
            return Optional.empty();
        }
        int distinct = recent.distinct();
        return distinct > 1 && distinct * 2 <= window
                ? Optional.of(new Finding(
                        FindingKind.REPEATING_POSITIONS,
                        "the last " + window + " GPS fixes repeat " + distinct
                                + " exact positions; a real receiver's noise does not repeat"))
                : Optional.empty();
    }
}
