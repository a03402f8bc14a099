package io.hashfence.agent.config;

import io.hashfence.protocol.SiteId;

/** A site's MQTT identity: the site id is the user name, the token the password. The token never appears in {@link #toString()}. */
public record SiteCredentials(SiteId site, String token) {
    public SiteCredentials {
        if (site == null) {
            throw new ConfigException("site is required");
        }
        if (token == null || token.isBlank()) {
            throw new ConfigException("no token for site " + site);
        }
    }

    /** Parses a site id, reporting an invalid one as a configuration error. */
    public static SiteId siteId(String value) {
        try {
            return SiteId.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SiteCredentials[site=" + site + ", token=***]";
    }
}
