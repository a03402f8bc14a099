package io.hashfence.agent.simulate;

import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.RigId;
import java.net.InetAddress;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated rig as generated from the seed: what it is, where it stands and how far this unit deviates
 * from its model's nameplate. {@code accuracyMetres} is the location's stated accuracy; {@code teleportFrom},
 * when not null, is where the rig claims to be in its first reading before it claims its own place (the
 * red-team trick of a rig that "moves" out of a restricted place in seconds).
 */
public record RigSpec(
        int index,
        RigId id,
        MinerModel model,
        MiningArea area,
        double lat,
        double lon,
        LocationSource locationSource,
        double accuracyMetres,
        List<Pool> pools,
        double hashrateFactor,
        double powerFactor,
        double temperatureOffset,
        long noiseSeed,
        MiningArea teleportFrom) {

    /** This rig standing somewhere else in {@code newArea}, chosen by {@code random}. */
    public RigSpec placedIn(MiningArea newArea, SplittableRandom random) {
        double[] position = FleetGenerator.positionIn(newArea, random);
        return new RigSpec(
                index,
                id,
                model,
                newArea,
                position[0],
                position[1],
                locationSource,
                accuracyMetres,
                pools,
                hashrateFactor,
                powerFactor,
                temperatureOffset,
                noiseSeed,
                teleportFrom);
    }

    /** This rig with its pools paying out to {@code address}: each pool's user becomes {@code ADDRESS.worker}. */
    public RigSpec payingOutTo(String address) {
        String worker = address + "." + id.value().replace("-", "");
        return withPools(pools.stream()
                .map(pool -> new Pool(pool.url(), worker, pool.active(), pool.address()))
                .toList());
    }

    /**
     * This rig with its active pool at {@code address} (an IP literal, reported as the pool's URL host and as
     * the address it resolves to); its other pools stay.
     */
    public RigSpec miningAt(InetAddress address) {
        String host =
                address.getAddress().length == 16 ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return withPools(pools.stream()
                .map(pool -> pool.active()
                        ? new Pool("stratum+tcp://" + host + ":3333", pool.user(), true, address.getHostAddress())
                        : pool)
                .toList());
    }

    private RigSpec withPools(List<Pool> newPools) {
        return new RigSpec(
                index,
                id,
                model,
                area,
                lat,
                lon,
                locationSource,
                accuracyMetres,
                newPools,
                hashrateFactor,
                powerFactor,
                temperatureOffset,
                noiseSeed,
                teleportFrom);
    }

    /** This rig, claiming to be in {@code origin} in its first reading. */
    public RigSpec teleportingFrom(MiningArea origin) {
        return new RigSpec(
                index,
                id,
                model,
                area,
                lat,
                lon,
                locationSource,
                accuracyMetres,
                pools,
                hashrateFactor,
                powerFactor,
                temperatureOffset,
                noiseSeed,
                origin);
    }
}
