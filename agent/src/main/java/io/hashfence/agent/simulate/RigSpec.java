package io.hashfence.agent.simulate;

import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.RigId;
import java.util.List;

/**
 * One simulated rig as generated from the seed: what it is, where it stands and how far this unit deviates
 * from its model's nameplate. {@code accuracyMetres} is the location's stated accuracy.
 */
public record RigSpec(int index, RigId id, MinerModel model, MiningArea area, double lat, double lon,
                      LocationSource locationSource, double accuracyMetres, List<Pool> pools, double hashrateFactor,
                      double powerFactor, double temperatureOffset, long noiseSeed) {
}
