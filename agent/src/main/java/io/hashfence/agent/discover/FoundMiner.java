package io.hashfence.agent.discover;

import io.hashfence.agent.miner.MinerEndpoint;

/** A miner that answered a scan: where, which API, and what it said it is. {@code model} and {@code firmware} may be null. */
public record FoundMiner(MinerEndpoint endpoint, String type, String model, String firmware) {}
