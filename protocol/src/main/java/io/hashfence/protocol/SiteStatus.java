package io.hashfence.protocol;

import java.time.Instant;

/** A site agent's birth message or Will on {@code hashfence/v1/{site}/status}. */
public record SiteStatus(SiteId site, AgentState state, Instant time, String agentVersion) {
    public static final int SCHEMA_VERSION = 1;
}
