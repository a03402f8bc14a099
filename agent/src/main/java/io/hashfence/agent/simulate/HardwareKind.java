package io.hashfence.agent.simulate;

/** The class of machine, which decides its sensors and how it measures power. */
public enum HardwareKind {
    ASIC,
    GPU,
    CPU
}
