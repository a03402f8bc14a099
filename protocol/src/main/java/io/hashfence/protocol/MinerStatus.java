package io.hashfence.protocol;

/** What the miner itself is doing, as the agent last saw it. */
public enum MinerStatus implements WireEnum {
    MINING("mining"),
    IDLE("idle"),
    ERROR("error"),
    UNREACHABLE("unreachable");

    private final String wireName;

    MinerStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
