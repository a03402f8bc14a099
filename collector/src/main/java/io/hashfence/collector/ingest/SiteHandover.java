package io.hashfence.collector.ingest;

import io.hashfence.protocol.SiteId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What a collector reads of a site before its first PUBLISH: with a shared store, the state another collector the
 * site was connected to left there (sequence windows, ...), so that a site that moves keeps its duplicate check.
 * Runs on {@code executor}, off the event loop, while the connection's packets wait in the {@code hold} stage.
 */
public interface SiteHandover {
    /** Nothing to read: the collector's own state is all there is. */
    SiteHandover NONE = (site, executor) -> CompletableFuture.completedFuture(null);

    CompletableFuture<Void> takeOver(SiteId site, Executor executor);
}
