package io.hashfence.collector.store;

import io.hashfence.collector.ingest.SiteHandover;
import io.hashfence.protocol.SiteId;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the shared store holds of a site when one of its connections authenticates, before its first PUBLISH:
 * its rigs' sequence windows, merged into this collector's, so that a message the site sent through another
 * collector is still a duplicate here. A store that cannot be read refuses the connection (server unavailable),
 * and the agent retries: a site is never served without its duplicate check.
 */
public final class SharedSiteHandover implements SiteHandover {
    private static final Logger LOG = LoggerFactory.getLogger(SharedSiteHandover.class);

    private final SharedSequenceJournal sequences;

    public SharedSiteHandover(SharedSequenceJournal sequences) {
        this.sequences = sequences;
    }

    @Override
    public CompletableFuture<Void> takeOver(SiteId site, Executor executor) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        int rigs = sequences.load(site);
                        LOG.debug("site {}: sequence windows of {} rig(s) read from the shared store", site, rigs);
                    } catch (SQLException e) {
                        throw new CompletionException(
                                "cannot read site " + site + "'s state from the shared store: " + e.getMessage(), e);
                    }
                },
                executor);
    }
}
