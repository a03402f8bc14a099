package io.hashfence.agent.simulate;

import io.hashfence.protocol.PowerSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Machines the simulator builds fleets from, with their nameplate hashrate (H/s) and wall power (W).
 * {@code weight} is the model's relative share of a simulated fleet.
 */
public enum MinerModel {
    ANTMINER_S19(
            "s19",
            "Antminer S19",
            HardwareKind.ASIC,
            "bmminer",
            "Antminer-S19-20220802",
            Algorithm.SHA256,
            PowerSource.MINER,
            95e12,
            3250,
            10,
            3,
            4,
            5_400),
    ANTMINER_S19_PRO(
            "s19pro",
            "Antminer S19 Pro",
            HardwareKind.ASIC,
            "bmminer",
            "Antminer-S19-Pro-20230613",
            Algorithm.SHA256,
            PowerSource.MINER,
            110e12,
            3250,
            15,
            3,
            4,
            5_400),
    ANTMINER_S19J_PRO(
            "s19jpro",
            "Antminer S19j Pro",
            HardwareKind.ASIC,
            "bmminer",
            "Antminer-S19j-Pro-20230105",
            Algorithm.SHA256,
            PowerSource.MINER,
            100e12,
            3050,
            12,
            3,
            4,
            5_200),
    ANTMINER_S19_XP(
            "s19xp",
            "Antminer S19 XP",
            HardwareKind.ASIC,
            "bmminer",
            "Antminer-S19-XP-20230314",
            Algorithm.SHA256,
            PowerSource.MINER,
            140e12,
            3010,
            12,
            3,
            4,
            5_000),
    ANTMINER_S21(
            "s21",
            "Antminer S21",
            HardwareKind.ASIC,
            "cgminer",
            "Antminer-S21-20240417",
            Algorithm.SHA256,
            PowerSource.MINER,
            200e12,
            3500,
            15,
            3,
            4,
            5_800),
    WHATSMINER_M30S_PLUS_PLUS(
            "m30spp",
            "Whatsminer M30S++",
            HardwareKind.ASIC,
            "btminer",
            "20230322.16.REL",
            Algorithm.SHA256,
            PowerSource.MINER,
            112e12,
            3472,
            10,
            3,
            2,
            6_000),
    WHATSMINER_M50(
            "m50",
            "Whatsminer M50",
            HardwareKind.ASIC,
            "btminer",
            "20231012.22.REL",
            Algorithm.SHA256,
            PowerSource.MINER,
            118e12,
            3300,
            8,
            3,
            2,
            6_200),
    /** T-Rex reads board power from the NVIDIA driver, as nvidia-smi does. */
    GPU_6X_RTX_3070(
            "gpu3070x6",
            "6x GeForce RTX 3070",
            HardwareKind.GPU,
            "t-rex",
            "T-Rex 0.26.8",
            Algorithm.KAWPOW,
            PowerSource.NVIDIA_SMI,
            150e6,
            1200,
            6,
            6,
            6,
            2_100),
    /** This rig has no power sensor the agent can read; its figure is an estimate from the card count. */
    GPU_8X_RTX_3060TI(
            "gpu3060tix8",
            "8x GeForce RTX 3060 Ti",
            HardwareKind.GPU,
            "lolminer",
            "lolMiner 1.88",
            Algorithm.ETCHASH,
            PowerSource.ESTIMATE,
            480e6,
            1050,
            4,
            8,
            8,
            1_900),
    CPU_RYZEN_7950X(
            "cpu7950x",
            "AMD Ryzen 9 7950X",
            HardwareKind.CPU,
            "xmrig",
            "XMRig 6.22.2",
            Algorithm.RANDOMX,
            PowerSource.RAPL,
            25e3,
            200,
            4,
            1,
            2,
            1_400),
    CPU_RYZEN_5950X(
            "cpu5950x",
            "AMD Ryzen 9 5950X",
            HardwareKind.CPU,
            "xmrig",
            "XMRig 6.22.2",
            Algorithm.RANDOMX,
            PowerSource.RAPL,
            18e3,
            150,
            4,
            1,
            2,
            1_300);

    private final String slug;
    private final String displayName;
    private final HardwareKind kind;
    private final String minerType;
    private final String firmware;
    private final Algorithm algorithm;
    private final PowerSource powerSource;
    private final double hashrate;
    private final double watts;
    private final int weight;
    private final List<String> temperatureSensors;
    private final List<String> fanNames;
    private final double fanRpm;

    MinerModel(
            String slug,
            String displayName,
            HardwareKind kind,
            String minerType,
            String firmware,
            Algorithm algorithm,
            PowerSource powerSource,
            double hashrate,
            double watts,
            int weight,
            int devices,
            int fans,
            double fanRpm) {
        this.slug = slug;
        this.displayName = displayName;
        this.kind = kind;
        this.minerType = minerType;
        this.firmware = firmware;
        this.algorithm = algorithm;
        this.powerSource = powerSource;
        this.hashrate = hashrate;
        this.watts = watts;
        this.weight = weight;
        this.temperatureSensors = sensors(kind, devices);
        this.fanNames = fanNames(fans);
        this.fanRpm = fanRpm;
    }

    private static List<String> sensors(HardwareKind kind, int devices) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            switch (kind) {
                case ASIC -> {
                    names.add("board" + i + ".chip");
                    names.add("board" + i + ".pcb");
                }
                case GPU -> names.add("gpu" + i);
                case CPU -> names.add("cpu.package");
            }
        }
        return List.copyOf(names);
    }

    private static List<String> fanNames(int fans) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fans; i++) {
            names.add("fan" + i);
        }
        return List.copyOf(names);
    }

    /** The rig-id prefix, such as {@code s19pro}. */
    public String slug() {
        return slug;
    }

    public String displayName() {
        return displayName;
    }

    public String minerType() {
        return minerType;
    }

    public String firmware() {
        return firmware;
    }

    /** Nameplate hashrate in H/s. */
    public double hashrate() {
        return hashrate;
    }

    /** Nameplate wall power in W. */
    public double watts() {
        return watts;
    }

    public HardwareKind kind() {
        return kind;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public PowerSource powerSource() {
        return powerSource;
    }

    int weight() {
        return weight;
    }

    List<String> temperatureSensors() {
        return temperatureSensors;
    }

    List<String> fanNames() {
        return fanNames;
    }

    double fanRpm() {
        return fanRpm;
    }
}
