package io.hashfence.agent.power;

import io.hashfence.protocol.PowerReading;
import io.hashfence.protocol.PowerSource;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The power figure of a rig, best source first: what the miner reports; else the local meter, for miners on
 * the agent's own machine (the meter measures that machine); else the nameplate estimate, if enabled.
 */
public final class PowerFallback {
    private static final Logger log = LoggerFactory.getLogger(PowerFallback.class);

    private final Optional<PowerMeter> localMeter;
    private final boolean estimate;
    private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();

    public PowerFallback(Optional<PowerMeter> localMeter, boolean estimate) {
        this.localMeter = localMeter;
        this.estimate = estimate;
    }

    /** @param minerWatts the miner's own figure, or null; @param local whether the miner runs on this machine */
    public PowerReading resolve(Double minerWatts, boolean local, String model, double hashrate) {
        if (minerWatts != null) {
            return new PowerReading(minerWatts, PowerSource.MINER);
        }
        if (local && localMeter.isPresent()) {
            try {
                OptionalDouble watts = localMeter.get().readWatts();
                if (watts.isPresent() && watts.getAsDouble() >= 0 && watts.getAsDouble() <= 1e6) {
                    return new PowerReading(
                            watts.getAsDouble(), localMeter.get().source());
                }
            } catch (PowerMeterException e) {
                if (reportedProblems.add(e.getMessage())) {
                    log.warn("power meter: {}", e.getMessage());
                }
            }
        }
        if (estimate) {
            OptionalDouble watts = NameplateEstimate.watts(model, hashrate);
            if (watts.isPresent() && watts.getAsDouble() <= 1e6) {
                return new PowerReading(watts.getAsDouble(), PowerSource.ESTIMATE);
            }
        }
        return null;
    }
}
