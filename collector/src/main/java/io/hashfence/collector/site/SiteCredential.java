package io.hashfence.collector.site;

import io.hashfence.protocol.SiteId;
import java.time.Instant;

/**
 * What the collector keeps of a site's token: a keyed or salted hash, never the token.
 *
 * @param salt the PBKDF2 salt (empty for HMAC)
 * @param iterations the PBKDF2 iteration count (0 for HMAC)
 * @param created when the token was issued; an upgraded hash keeps it, a new token gets a new one
 */
public record SiteCredential(
        SiteId site, TokenScheme scheme, byte[] salt, byte[] hash, int iterations, Instant created) {

    /**
     * Whether both stand for the same issued token (the file is re-read into new objects on every change, and
     * a PBKDF2 hash upgraded to HMAC is still the same token, so that its sessions are not closed).
     */
    public boolean sameAs(SiteCredential other) {
        return other != null && site.equals(other.site()) && created.equals(other.created());
    }
}
