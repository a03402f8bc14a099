package io.hashfence.agent.miner;

import io.hashfence.protocol.RigId;

/**
 * One miner to poll: its API, address and the rig id it reports as. {@code accessToken} (XMRig's HTTP
 * Bearer token) and {@code model} (for the nameplate power estimate when the miner names none) may be null.
 */
public record MinerEndpoint(MinerKind kind, String host, int port, RigId rig, String accessToken, String model) {

    /** The rig id for a miner configured without one: its address, with the port unless it is the usual one. */
    public static RigId defaultRig(MinerKind kind, String host, int port) {
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-");
        return RigId.of(port == kind.defaultPort() ? id : id + "-" + port);
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return kind.configName() + " " + address() + " (" + rig.value() + ")";
    }
}
