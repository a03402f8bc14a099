package io.hashfence.agent.miner;

/** The firmware behind a cgminer-style API, told apart by its {@code version} and {@code summary} replies. */
enum CgminerFamily {
    CGMINER("cgminer"),
    BMMINER("bmminer"),
    BFGMINER("bfgminer"),
    BRAIINS("braiins-os"),
    LUXOS("luxos"),
    AVALON("avalon"),
    TEAMREDMINER("teamredminer"),
    WHATSMINER("whatsminer");

    private final String wireType;

    CgminerFamily(String wireType) {
        this.wireType = wireType;
    }

    /** The {@code miner.type} on the wire. */
    String wireType() {
        return wireType;
    }
}
