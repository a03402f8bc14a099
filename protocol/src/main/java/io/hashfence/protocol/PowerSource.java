package io.hashfence.protocol;

/** Where a power figure came from, best first. */
public enum PowerSource implements WireEnum {
    MINER("miner"),
    METER("meter"),
    RAPL("rapl"),
    NVIDIA_SMI("nvidia-smi"),
    HWMON("hwmon"),
    IPMI("ipmi"),
    ESTIMATE("estimate");

    private final String wireName;

    PowerSource(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
