package io.hashfence.agent.simulate;

import io.hashfence.agent.config.SiteCredentials;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A site of the simulated fleet as a sites file line describes it: its credentials and, optionally, the
 * place it claims its rigs are ({@code area}), the public address it connects from behind a load balancer
 * ({@code proxyFrom}, sent in a PROXY protocol v2 header) and a place its first rig claims before "moving"
 * to the site in seconds ({@code teleportFrom}). Each may be null.
 */
public record SimulatedSite(
        SiteCredentials credentials, MiningArea area, InetAddress proxyFrom, MiningArea teleportFrom) {

    public static SimulatedSite plain(SiteCredentials credentials) {
        return new SimulatedSite(credentials, null, null, null);
    }

    /**
     * The site's share of the fleet, staged: with an area, its rigs outside restricted places stand there
     * (those in restricted places stay, so the fleet keeps its restricted share); with a teleport origin, its
     * first such rig claims that origin first.
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
        return List.copyOf(staged);
    }
}
