package io.hashfence.agent.config;

import io.hashfence.agent.power.MeterKind;

/**
 * Power for rigs whose miner reports none: the local {@code meter} (measuring the agent's own machine, so used
 * for miners on localhost), then the nameplate {@code estimate}. The two command paths locate the tools.
 */
public record PowerSettings(MeterKind meter, boolean estimate, String nvidiaSmi, String ipmitool) {
    public static PowerSettings defaults() {
        return new PowerSettings(MeterKind.NONE, true, "nvidia-smi", "ipmitool");
    }
}
