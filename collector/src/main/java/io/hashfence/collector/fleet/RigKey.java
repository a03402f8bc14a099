package io.hashfence.collector.fleet;

import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;

/** A rig's identity across the fleet. */
public record RigKey(SiteId site, RigId rig) {
    @Override
    public String toString() {
        return site + "/" + rig;
    }
}
