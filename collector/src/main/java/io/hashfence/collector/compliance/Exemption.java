package io.hashfence.collector.compliance;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.time.Instant;

/** Exempts a whole site, or one rig of it, from the policy until {@code expires}, for a stated reason. */
public record Exemption(SiteId site, RigId rig, String reason, Instant expires) {

    public boolean covers(RigKey key, Instant now) {
        return now.isBefore(expires) && site.equals(key.site()) && (rig == null || rig.equals(key.rig()));
    }

    public String scope() {
        return rig == null ? "site " + site : "rig " + site + "/" + rig;
    }
}
