package io.hashfence.agent.config;

/**
 * The simulated fleet: how many rigs, the seed that makes it reproducible, and the least share of rigs
 * placed in restricted jurisdictions.
 */
public record SimulationSettings(int rigs, long seed, double restrictedShare) {
    public static final int DEFAULT_RIGS = 10;
    public static final long DEFAULT_SEED = 1;
    public static final double DEFAULT_RESTRICTED_SHARE = 0.05;
    public static final int MAX_RIGS = 1_000_000;

    public SimulationSettings {
        if (rigs < 1 || rigs > MAX_RIGS) {
            throw new ConfigException("rigs must be between 1 and " + MAX_RIGS + ", got " + rigs);
        }
        if (!(restrictedShare >= 0 && restrictedShare <= 1)) {
            throw new ConfigException("restricted share must be between 0 and 1, got " + restrictedShare);
        }
    }
}
