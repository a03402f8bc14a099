package io.hashfence.collector.fleet;

import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;

/** A rig's identity across the fleet. */
public record RigKey(SiteId site, RigId rig) {
    /** Spreads the site's hash before the rig's is added; see {@link #hashCode()}. */
    private static final int SITE_SPREAD = 0x9E3779B9;

    /**
     * The site's hash times a large odd constant, plus the rig's. A record's own hash ({@code 31 * site + rig})
     * collides all over a fleet named in series (the next site adds 31, and so does a rig number's tens digit), so
     * that hash maps of 100,000 rigs ended up searching long collision trees on every lookup.
     */
    @Override
    public int hashCode() {
        return site.hashCode() * SITE_SPREAD + rig.hashCode();
    }

    @Override
    public String toString() {
        return site + "/" + rig;
    }
}
