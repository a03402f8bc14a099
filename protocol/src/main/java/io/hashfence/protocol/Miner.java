package io.hashfence.protocol;

/** The mining software or firmware a rig runs. {@code model} and {@code firmware} may be null when unknown. */
public record Miner(String type, String model, String firmware, MinerStatus status) {}
