package io.hashfence.collector.site;

import io.hashfence.protocol.SiteId;
import java.time.Instant;

/** What the collector keeps of a site's token: a salted hash, never the token. */
public record SiteCredential(SiteId site, byte[] salt, byte[] hash, int iterations, Instant created) {
}
