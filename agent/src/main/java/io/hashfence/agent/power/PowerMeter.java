package io.hashfence.agent.power;

import io.hashfence.protocol.PowerSource;
import java.util.OptionalDouble;

/** A power figure for the machine the agent runs on, read when the miner reports none. */
public interface PowerMeter {

    /** Watts now, or empty while the meter has no figure yet; throws with a message saying what to fix when it cannot be read. */
    OptionalDouble readWatts() throws PowerMeterException;

    PowerSource source();
}
