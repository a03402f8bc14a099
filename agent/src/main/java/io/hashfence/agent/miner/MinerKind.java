package io.hashfence.agent.miner;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The miner APIs the agent speaks, each with its usual port. */
public enum MinerKind {
    /** The cgminer-style API: cgminer, bmminer, BFGMiner, Braiins OS, LuxOS, Avalon, TeamRedMiner, Whatsminer API v2. */
    CGMINER("cgminer", 4028),
    /** Whatsminer API v3: length-framed JSON on port 4433. */
    WHATSMINER_V3("whatsminer-v3", 4433),
    XMRIG("xmrig", 8080),
    TREX("t-rex", 4067),
    LOLMINER("lolminer", 8080),
    GMINER("gminer", 10050),
    NBMINER("nbminer", 22333);

    private final String configName;
    private final int defaultPort;

    MinerKind(String configName, int defaultPort) {
        this.configName = configName;
        this.defaultPort = defaultPort;
    }

    public String configName() {
        return configName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public static MinerKind fromConfig(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (MinerKind kind : values()) {
            if (kind.configName.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown miner type \"" + name + "\": use one of "
                + Arrays.stream(values()).map(MinerKind::configName).collect(Collectors.joining(", ")));
    }
}
