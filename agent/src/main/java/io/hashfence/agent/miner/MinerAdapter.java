package io.hashfence.agent.miner;

import java.time.Duration;

/** Reads one kind of miner API. Implementations hold no per-miner state and may be called concurrently. */
public interface MinerAdapter {

    /** Polls the miner once; the whole poll takes at most about {@code timeout}. */
    MinerSnapshot read(MinerEndpoint endpoint, Duration timeout) throws MinerException;
}
