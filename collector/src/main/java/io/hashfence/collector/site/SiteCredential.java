package io.hashfence.collector.site;

import io.hashfence.protocol.SiteId;
import java.time.Instant;
import java.util.Arrays;

/** What the collector keeps of a site's token: a salted hash, never the token. */
public record SiteCredential(SiteId site, byte[] salt, byte[] hash, int iterations, Instant created) {

    /** Whether both stand for the same token (the file is re-read into new objects on every change). */
    public boolean sameAs(SiteCredential other) {
        return other != null && site.equals(other.site()) && iterations == other.iterations()
                && Arrays.equals(salt, other.salt()) && Arrays.equals(hash, other.hash());
    }
}
