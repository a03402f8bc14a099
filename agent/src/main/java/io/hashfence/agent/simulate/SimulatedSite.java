package io.hashfence.agent.simulate;

import io.hashfence.agent.config.SiteCredentials;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A site of the simulated fleet as a sites file line describes it: its credentials and, optionally, the
 * place it claims its rigs are ({@code area}), the public address it connects from behind a load balancer
 * ({@code proxyFrom}, sent in a PROXY protocol v2 header), a place its first rig claims before "moving"
 * to the site in seconds ({@code teleportFrom}), an address one of its rigs pays out to ({@code payoutTo})
 * and the IP address of a pool one of its rigs mines on ({@code poolAt}). Each may be null.
 */
public record SimulatedSite(
        SiteCredentials credentials,
        MiningArea area,
        InetAddress proxyFrom,
        MiningArea teleportFrom,
        String payoutTo,
        InetAddress poolAt) {

    public static SimulatedSite plain(SiteCredentials credentials) {
        return new SimulatedSite(credentials, null, null, null, null, null);
    }

    /**
     * The site's share of the fleet, staged: with an area, its rigs outside restricted places stand there
     * (those in restricted places stay, so the fleet keeps its restricted share); with a teleport origin, its
     * first such rig claims that origin first; with a payout address, one rig picked by the seed pays out to
     * it, and with a pool address, the rig after it mines on that pool.
     */
    public List<RigSpec> stage(List<RigSpec> share, long seed) {
        SplittableRandom random =
                new SplittableRandom(seed ^ credentials.site().value().hashCode());
        List<RigSpec> staged = new ArrayList<>(share.size());
        boolean teleportPending = teleportFrom != null;
        for (RigSpec rig : share) {
            RigSpec placed = area != null && !rig.area().restricted() ? rig.placedIn(area, random) : rig;
            if (teleportPending && !placed.area().restricted()) {
                placed = placed.teleportingFrom(teleportFrom);
                teleportPending = false;
            }
            staged.add(placed);
        }
        if (staged.isEmpty()) {
            return List.of();
        }
        // One rig, picked by the seed, pays out to the address; the next one mines on the pool.
        int picked = random.nextInt(staged.size());
        if (payoutTo != null) {
            staged.set(picked, staged.get(picked).payingOutTo(payoutTo));
        }
        if (poolAt != null) {
            int next = (picked + 1) % staged.size();
            staged.set(next, staged.get(next).miningAt(poolAt));
        }
        return List.copyOf(staged);
    }
}
