package io.hashfence.agent.miner;

import io.hashfence.protocol.Fan;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.Temperature;
import java.util.List;

/**
 * What one poll of a miner's API found, normalised: hashrate in H/s, power in W (null when the miner does
 * not report it), temperatures in degrees C, fans in RPM. {@code model} and {@code firmware} may be null.
 */
public record MinerSnapshot(
        String type,
        String model,
        String firmware,
        MinerStatus status,
        double hashrate,
        Double powerWatts,
        List<Temperature> temperatures,
        List<Fan> fans,
        List<Pool> pools) {
    public MinerSnapshot {
        temperatures = List.copyOf(temperatures);
        fans = List.copyOf(fans);
        pools = List.copyOf(pools);
    }
}
