package io.hashfence.agent.power;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The local power meters {@code power.meter} can name. */
public enum MeterKind {
    NONE("none"),
    RAPL("rapl"),
    NVIDIA_SMI("nvidia-smi"),
    HWMON("hwmon"),
    IPMI("ipmi");

    private final String configName;

    MeterKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static MeterKind fromConfig(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown power meter \"" + name + "\": use one of "
                        + Arrays.stream(values()).map(MeterKind::configName).collect(Collectors.joining(", "))));
    }
}
